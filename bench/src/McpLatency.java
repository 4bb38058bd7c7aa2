import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MCP latency of a server command, measured as a client sees it, with raw JSON-RPC (no client library on the path):
 * {@code McpLatency stdio|http CALLS command...}. Prints one line: the milliseconds from spawning the process to the
 * initialize answer (for http: to the answer of the first POST, the server having said where it listens), then the
 * p50 and p95 of CALLS warm {@code get_current_version} calls, after 20 calls of warm-up.
 */
public final class McpLatency {

    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{"
            + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"bench\",\"version\":\"1\"}}}";
    private static final String INITIALIZED = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";
    private static final int WARM_UP = 20;

    public static void main(String[] args) throws Exception {
        int calls = Integer.parseInt(args[1]);
        List<String> command = Arrays.asList(args).subList(2, args.length);
        double[] result = args[0].equals("http") ? http(command, calls) : stdio(command, calls);
        System.out.printf("%.1f %.2f %.2f%n", result[0], result[1], result[2]);
    }

    private static double[] stdio(List<String> command, int calls) throws Exception {
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        OutputStream in = p.getOutputStream();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        send(in, INITIALIZE);
        await(out, 0);
        double initMs = (System.nanoTime() - start) / 1e6;
        send(in, INITIALIZED);
        List<Double> times = new ArrayList<>();
        for (int i = 1; i <= WARM_UP + calls; i++) {
            long t0 = System.nanoTime();
            send(in, call(i));
            await(out, i);
            if (i > WARM_UP) {
                times.add((System.nanoTime() - t0) / 1e6);
            }
        }
        in.close();
        p.waitFor();
        return summary(initMs, times);
    }

    private static double[] http(List<String> command, int calls) throws Exception {
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
        Pattern listening = Pattern.compile("serving MCP on (http://[^ ]+/mcp)");
        String endpoint = null;
        while (endpoint == null) {
            String line = err.readLine();
            if (line == null) {
                break;
            }
            Matcher m = listening.matcher(line);
            if (m.find()) {
                endpoint = m.group(1);
            }
        }
        if (endpoint == null) {
            throw new IOException("the server never said where it listens");
        }
        Thread drain = new Thread(() -> err.lines().forEach(l -> { }));
        drain.setDaemon(true);
        drain.start();
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> init = client.send(post(endpoint, null, INITIALIZE), HttpResponse.BodyHandlers.ofString());
        double initMs = (System.nanoTime() - start) / 1e6;
        String session = init.headers().firstValue("mcp-session-id").orElse(null);
        client.send(post(endpoint, session, INITIALIZED), HttpResponse.BodyHandlers.ofString());
        List<Double> times = new ArrayList<>();
        for (int i = 1; i <= WARM_UP + calls; i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> r = client.send(post(endpoint, session, call(i)), HttpResponse.BodyHandlers.ofString());
            if (!r.body().contains("\"id\":" + i)) {
                throw new IOException("unexpected answer: " + r.statusCode() + " " + r.body());
            }
            if (i > WARM_UP) {
                times.add((System.nanoTime() - t0) / 1e6);
            }
        }
        p.destroy();
        p.waitFor();
        return summary(initMs, times);
    }

    private static HttpRequest post(String endpoint, String session, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(endpoint))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (session != null) {
            b.header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-06-18");
        }
        return b.build();
    }

    private static String call(int id) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":"
                + "\"get_current_version\",\"arguments\":{}}}";
    }

    private static void send(OutputStream in, String message) throws IOException {
        in.write((message + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    private static void await(BufferedReader out, int id) throws IOException {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.contains("\"id\":" + id + ",") || line.contains("\"id\":" + id + "}")) {
                return;
            }
        }
        throw new IOException("the server closed stdout before answering " + id);
    }

    private static double[] summary(double initMs, List<Double> times) {
        double[] sorted = times.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new double[] {initMs, percentile(sorted, 0.50), percentile(sorted, 0.95)};
    }

    private static double percentile(double[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }
}
