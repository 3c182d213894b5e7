package io.mapwatch.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Debian's Chromium, headless, driven as a user's browser through the DevTools protocol: a page is
 * opened, then scripts run in it ({@code Runtime.evaluate}), such as a click on a table header,
 * and their results come back as values. The protocol runs over a WebSocket of the JDK's own
 * {@code java.net.http} (no library): Chromium listens on a free port of the loopback
 * ({@code --remote-debugging-port=0}) and names it in {@code DevToolsActivePort} of its profile
 * folder. Console messages and uncaught exceptions of the page are collected.
 */
public final class HeadlessChromium implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/bin/chromium");
    /** Why a test skips without it; CI's rules (.ci/run) know this reason. */
    public static final String MISSING = "Debian's chromium is not installed (apt-get install -y chromium)";
    private static final Duration BOUND = Duration.ofSeconds(120);
    private static final JsonFactory JSON = new JsonFactory();

    private final Process process;
    private final Path log;
    /** Chromium's own temporary folder (short: a socket's path in it must fit 108 bytes), removed at the end. */
    private final Path tmp;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<Map<String, Object>>> replies = new ConcurrentHashMap<>();
    private final List<String> console = Collections.synchronizedList(new ArrayList<>());

    private HeadlessChromium(Process process, Path log, Path tmp, URI page) {
        this.process = process;
        this.log = log;
        this.tmp = tmp;
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(BOUND)
                .buildAsync(page, new Listener()).orTimeout(BOUND.toSeconds(), TimeUnit.SECONDS).join();
    }

    public static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    /** Starts Chromium with a new profile in {@code folder}, with a blank page to drive. */
    public static HeadlessChromium start(Path folder) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(folder, "chromium-profile");
        Path log = profile.resolve("chromium.log");
        ProcessBuilder command = new ProcessBuilder(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--remote-debugging-port=0",
                "--remote-debugging-address=127.0.0.1", "--window-size=1280,2000", "about:blank")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Path tmp = Files.createTempDirectory("chromium-tmp");
        command.environment().put("TMPDIR", tmp.toString());
        Process process = command.start();
        try {
            Path portFile = profile.resolve("DevToolsActivePort");
            long deadline = System.nanoTime() + BOUND.toNanos();
            while (!Files.exists(portFile) || Files.readAllLines(portFile).size() < 2) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new AssertionError("chromium did not open its DevTools port (" + (process.isAlive()
                            ? "still starting after " + BOUND.toSeconds() + " s" : "exit " + process.exitValue())
                            + "):\n" + Files.readString(log));
                }
                Thread.sleep(50);
            }
            String port = Files.readAllLines(portFile).get(0).strip();
            HttpResponse<String> targets = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/json/list")).timeout(BOUND).build(),
                    HttpResponse.BodyHandlers.ofString());
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> list = (List<Map<String, Object>>) Json.parse(targets.body());
            String page = list.stream().filter(t -> "page".equals(t.get("type"))).map(t -> (String) t.get("webSocketDebuggerUrl"))
                    .findFirst().orElseThrow(() -> new AssertionError("no page among chromium's targets: " + targets.body()));
            HeadlessChromium chromium = new HeadlessChromium(process, log, tmp, URI.create(page));
            chromium.call("Runtime.enable", Map.of());
            chromium.call("Log.enable", Map.of());
            chromium.call("Page.enable", Map.of());
            return chromium;
        } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
            process.destroyForcibly().waitFor();
            throw e;
        }
    }

    /** Opens {@code page} and waits until it has loaded; {@link #console()} starts again with it. */
    public void open(URI page) throws InterruptedException {
        console.clear();
        call("Page.navigate", Map.of("url", page.toString()));
        String loaded = "document.readyState === 'complete' && location.href === " + quoted(page.toString());
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (!Boolean.TRUE.equals(evaluateWhileLoading(loaded))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(page + " did not load in " + BOUND.toSeconds() + " s:\n" + chromiumLog());
            }
            Thread.sleep(50);
        }
    }

    /** {@link #evaluate}, or null while the page that was there goes away (its context is destroyed meanwhile). */
    private Object evaluateWhileLoading(String expression) {
        try {
            return evaluate(expression);
        } catch (AssertionError e) {
            return null;
        }
    }

    /** Runs {@code expression} in the page and returns its value as JSON gives it (maps, lists, strings, numbers). */
    public Object evaluate(String expression) {
        Map<String, Object> reply = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true));
        if (reply.get("exceptionDetails") != null) {
            throw new AssertionError("the page threw on " + expression + ": " + reply.get("exceptionDetails"));
        }
        return Json.object(reply, "result").get("value");
    }

    /** A PNG of the page as it is drawn. */
    public byte[] screenshot() {
        return Base64.getDecoder().decode((String) call("Page.captureScreenshot", Map.of("format", "png")).get("data"));
    }

    /** The console messages and uncaught exceptions of the page opened last. */
    public List<String> console() {
        synchronized (console) {
            return List.copyOf(console);
        }
    }

    @Override
    public void close() throws InterruptedException {
        List<ProcessHandle> helpers = process.descendants().toList();
        socket.abort();
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        helpers.forEach(ProcessHandle::destroyForcibly);
        try (Stream<Path> files = Files.walk(tmp)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, Object> call(String method, Map<String, Object> params) {
        int id = ids.incrementAndGet();
        CompletableFuture<Map<String, Object>> reply = new CompletableFuture<>();
        replies.put(id, reply);
        socket.sendText(message(id, method, params), true).join();
        Map<String, Object> answer = reply.orTimeout(BOUND.toSeconds(), TimeUnit.SECONDS).join();
        if (answer.get("error") != null) {
            throw new AssertionError(method + " failed: " + answer.get("error") + "\n" + chromiumLog());
        }
        return Json.object(answer, "result");
    }

    private static String message(int id, String method, Map<String, Object> params) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeNumberField("id", id);
            json.writeStringField("method", method);
            json.writeObjectFieldStart("params");
            for (Map.Entry<String, Object> param : params.entrySet()) {
                if (param.getValue() instanceof Boolean flag) {
                    json.writeBooleanField(param.getKey(), flag);
                } else {
                    json.writeStringField(param.getKey(), param.getValue().toString());
                }
            }
            json.writeEndObject();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static String quoted(String text) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeString(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private String chromiumLog() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Whole messages: replies complete their call; console and exception events are kept. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received(Json.parse(partial.toString()));
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @SuppressWarnings("unchecked")
        private void received(Object message) {
            Map<String, Object> m = (Map<String, Object>) message;
            if (m.get("id") != null) {
                CompletableFuture<Map<String, Object>> reply = replies.remove(((Number) m.get("id")).intValue());
                if (reply != null) {
                    reply.complete(m);
                }
            } else if ("Runtime.consoleAPICalled".equals(m.get("method"))) {
                Map<String, Object> params = Json.object(m, "params");
                console.add("console." + params.get("type") + ": " + params.get("args"));
            } else if ("Runtime.exceptionThrown".equals(m.get("method"))) {
                console.add("exception: " + Json.object(m, "params").get("exceptionDetails"));
            } else if ("Log.entryAdded".equals(m.get("method"))) {
                Map<String, Object> entry = Json.object(Json.object(m, "params"), "entry");
                console.add("log." + entry.get("level") + " (" + entry.get("source") + "): " + entry.get("text"));
            }
        }
    }
}
