package dev.migratemcp.mcp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stands between stdin and the SDK's stdio transport and passes on only messages {@link JsonRpcGate} accepts, one per
 * line. The transport ends the whole session on a line it cannot read; here such a line gets its JSON-RPC answer and
 * the session goes on.
 *
 * <p>Answers are written to the same stream the transport writes to, holding that stream's lock as the transport
 * does, so the two never interleave within a line.
 *
 * <p>The end of input reaches the SDK only once every request passed on before it has been answered: the SDK stops
 * writing as soon as it reads that end, and a client that sends its requests and closes stdin must still get every
 * answer (a tool call already running, an apply say, runs to its end rather than being cut).
 */
final class JsonRpcLineFilter extends InputStream {

    static final String SESSION = "stdio";
    private static final Logger LOG = LoggerFactory.getLogger(JsonRpcLineFilter.class);
    private static final int MAX_LINE = 16 * 1024 * 1024;
    /** How long to wait, once the client has gone, for an answer the SDK gives no sign of making. */
    private static final long STALL_MS = 10_000;

    private final InputStream in;
    private final OutputStream protocol;
    private final JsonRpcGate gate;
    private final UnansweredRequests unanswered;
    private final JsonRpcGate.Session session = new JsonRpcGate.Session(SESSION, false);
    private byte[] pending = new byte[0];
    private int offset;
    private boolean ended;

    JsonRpcLineFilter(InputStream in, OutputStream protocol, JsonRpcGate gate, UnansweredRequests unanswered) {
        this.in = in;
        this.protocol = protocol;
        this.gate = gate;
        this.unanswered = unanswered;
    }

    @Override
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return pending[offset++] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, pending.length - offset);
        System.arraycopy(pending, offset, b, off, n);
        offset += n;
        return n;
    }

    /** Makes sure there are bytes of an accepted message to hand out; false at end of input. */
    private boolean fill() throws IOException {
        while (offset >= pending.length) {
            if (ended) {
                return false;
            }
            byte[] line = readLine();
            if (line == null) {
                ended = true;
                awaitAnswers();
                return false;
            }
            String text = new String(line, StandardCharsets.UTF_8);
            if (text.isBlank() && text.indexOf('\0') < 0) {
                continue; // an empty line is no message
            }
            JsonRpcGate.Verdict verdict = gate.screen(text, session);
            if (verdict instanceof JsonRpcGate.Forward forward) {
                note(forward);
                pending = (forward.json() + "\n").getBytes(StandardCharsets.UTF_8);
                offset = 0;
            } else if (verdict instanceof JsonRpcGate.Answer answer) {
                write(answer.json());
            }
        }
        return true;
    }

    /** Counts a request passed on as awaiting its answer, and a response passed on as the client's reply. */
    private void note(JsonRpcGate.Forward forward) {
        if (forward.id() == null) {
            return; // a notification
        }
        if (forward.method() != null) {
            unanswered.received(forward.id());
        } else {
            unanswered.replied(forward.id());
        }
    }

    private void awaitAnswers() throws IOException {
        try {
            if (!unanswered.awaitAnswered(() -> gate.calls().running(SESSION), STALL_MS)) {
                LOG.warn("stdin closed with requests unanswered: they wait on the client, or the SDK gave no answer");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the last answers were written");
        }
    }

    /** The next line including its newline, or null at end of input. */
    private byte[] readLine() throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                return buf.toByteArray();
            }
            buf.write(c);
            if (buf.size() > MAX_LINE) {
                // drain the rest of an oversized line and refuse it whole
                while ((c = in.read()) >= 0 && c != '\n') {
                    // discard
                }
                write(JsonRpcErrors.reply(null, JsonRpcErrors.INVALID_REQUEST,
                        "Invalid Request: message larger than " + MAX_LINE + " bytes"));
                buf.reset();
                if (c < 0) {
                    return null;
                }
            }
        }
        return buf.size() == 0 ? null : buf.toByteArray();
    }

    private void write(String json) throws IOException {
        byte[] bytes = (json + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (protocol) {
            protocol.write(bytes);
            protocol.flush();
        }
    }
}
