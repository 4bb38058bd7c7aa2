package dev.migratemcp.mcp;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * A response whose server-sent events pass one by one through a test before they reach the client: an event the test
 * refuses is not sent. The SDK writes each event whole and then flushes, so an event is judged once its closing
 * blank line is written. Anything else than an event stream (a JSON error body, say) passes untouched.
 */
final class EventStreamResponse extends HttpServletResponseWrapper {

    private final Predicate<String> keep;
    private PrintWriter writer;

    /** @param keep given each event's text ("event: ...\ndata: ...\n\n"); false drops it */
    EventStreamResponse(HttpServletResponse response, Predicate<String> keep) {
        super(response);
        this.keep = keep;
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        PrintWriter real = super.getWriter();
        String type = getContentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("text/event-stream")) {
            return real;
        }
        if (writer == null) {
            writer = new EventWriter(real, keep);
        }
        return writer;
    }

    /** The value of {@code data:} in an event's text, or null. */
    static String data(String event) {
        for (String line : event.split("\n")) {
            if (line.startsWith("data:")) {
                return line.substring(5).strip();
            }
        }
        return null;
    }

    private static final class EventWriter extends PrintWriter {
        private final Predicate<String> keep;
        private final StringBuilder pending = new StringBuilder();

        EventWriter(PrintWriter out, Predicate<String> keep) {
            super(out);
            this.keep = keep;
        }

        @Override
        public void write(int c) {
            synchronized (lock) {
                pending.append((char) c);
                emitWhole();
            }
        }

        @Override
        public void write(char[] buf, int off, int len) {
            synchronized (lock) {
                pending.append(buf, off, len);
                emitWhole();
            }
        }

        @Override
        public void write(String s, int off, int len) {
            synchronized (lock) {
                pending.append(s, off, off + len);
                emitWhole();
            }
        }

        private void emitWhole() {
            int end;
            while ((end = pending.indexOf("\n\n")) >= 0) {
                String event = pending.substring(0, end + 2);
                pending.delete(0, end + 2);
                if (keep.test(event)) {
                    super.write(event, 0, event.length());
                }
            }
        }
    }
}
