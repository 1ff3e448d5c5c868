import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives whole GP2GP conversations through a running GP2GP Hub over its API, on loopback only,
 * and prints throughput and per-step latency. Bounded by count and time.
 *
 * java bench/TransferLoad.java BASE_URL API_KEY CONVERSATIONS CONCURRENCY MAX_SECONDS
 */
public class TransferLoad {

    static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([A-Z_]+)\"");
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static String base;
    static String key;

    public static void main(String[] args) throws Exception {
        base = args[0].replaceAll("/$", "");
        key = args[1];
        int conversations = Integer.parseInt(args[2]);
        int concurrency = Integer.parseInt(args[3]);
        long maxSeconds = Long.parseLong(args[4]);
        String run = Long.toString(System.currentTimeMillis() % 100000, 36).toUpperCase();
        String requester = "BA" + run;
        String sender = "BB" + run;
        practice(requester, "900000000101");
        practice(sender, "900000000102");

        List<String> patients = patients(run, conversations);
        long setupStart = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        for (String nhs : patients) {
            pool.submit(() -> {
                // The patient has registered at the requester (a record goes only there) and the sender holds it.
                call("PUT", "/api/v1/demographics/" + nhs, "application/json", "{\"registeredOds\": \"" + requester
                        + "\", \"managingOds\": \"" + sender + "\", \"deceased\": false}");
                return call("PUT", "/api/v1/practices/" + sender + "/records/" + nhs, "application/xml",
                        record(nhs, sender));
            });
        }
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.MINUTES);
        System.out.printf("setup: %d records stored in %.1f s%n", patients.size(), secs(setupStart));

        Map<String, List<Long>> steps = new ConcurrentHashMap<>();
        List<String> failures = new CopyOnWriteArrayList<>();
        AtomicInteger completed = new AtomicInteger();
        AtomicInteger cutOff = new AtomicInteger();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(maxSeconds);
        long start = System.nanoTime();
        ExecutorService workers = Executors.newFixedThreadPool(concurrency);
        for (String nhs : patients) {
            workers.submit(() -> {
                if (System.nanoTime() > deadline) {
                    return;
                }
                try {
                    converse(nhs, requester, sender, steps, deadline);
                    completed.incrementAndGet();
                } catch (Exception e) {
                    if (e.getMessage() != null && e.getMessage().startsWith("time limit reached")) {
                        cutOff.incrementAndGet(); // still going when the run ended: not a failure
                    } else {
                        failures.add(e.getMessage());
                    }
                }
            });
        }
        workers.shutdown();
        workers.awaitTermination(maxSeconds + 60, TimeUnit.SECONDS);
        double elapsed = secs(start);

        System.out.printf("%nconversations: %d completed, %d failed, %d still going at the time limit, in %.1f s"
                + " with %d at once%n", completed.get(), failures.size(), cutOff.get(), elapsed, concurrency);
        System.out.printf("throughput: %.1f complete conversations per second (request -> extract -> final ack)%n",
                completed.get() / elapsed);
        System.out.printf("%n%-34s %8s %8s %8s %8s%n", "step (ms)", "p50", "p95", "p99", "max");
        for (String step : List.of("1 POST /transfers", "2 request -> record ready", "3 GET /ehr",
                "4 POST /outcome", "5 outcome -> sender COMPLETE", "all: request -> COMPLETE")) {
            List<Long> values = new ArrayList<>(steps.getOrDefault(step, List.of()));
            Collections.sort(values);
            System.out.printf("%-34s %8d %8d %8d %8d%n", step, pct(values, 50), pct(values, 95), pct(values, 99),
                    values.isEmpty() ? 0 : values.get(values.size() - 1));
        }
        failures.stream().distinct().limit(5).forEach(f -> System.out.println("failure: " + f));
    }

    static void converse(String nhs, String requester, String sender, Map<String, List<Long>> steps, long deadline)
            throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<String> created = call("POST", "/api/v1/transfers", "application/json",
                "{\"nhsNumber\":\"" + nhs + "\",\"requestingOds\":\"" + requester + "\",\"sendingOds\":\"" + sender
                        + "\"}");
        if (created.statusCode() != 202) {
            throw new IllegalStateException("POST /transfers answered " + created.statusCode());
        }
        String location = created.headers().firstValue("Location").orElseThrow();
        String conversation = location.substring(location.lastIndexOf('/') + 1);
        long t1 = System.nanoTime();
        record(steps, "1 POST /transfers", t0, t1);
        awaitStatus(conversation, "REQUESTER", "READY_TO_INTEGRATE", deadline);
        long t2 = System.nanoTime();
        record(steps, "2 request -> record ready", t1, t2);
        HttpResponse<String> ehr = call("GET", "/api/v1/transfers/" + conversation + "/ehr", null, null);
        if (ehr.statusCode() != 200 || !ehr.body().contains(nhs)) {
            throw new IllegalStateException("GET /ehr answered " + ehr.statusCode());
        }
        long t3 = System.nanoTime();
        record(steps, "3 GET /ehr", t2, t3);
        HttpResponse<String> outcome = call("POST", "/api/v1/transfers/" + conversation + "/outcome",
                "application/json", "{\"outcome\":\"INTEGRATED\"}");
        if (outcome.statusCode() != 200) {
            throw new IllegalStateException("POST /outcome answered " + outcome.statusCode());
        }
        long t4 = System.nanoTime();
        record(steps, "4 POST /outcome", t3, t4);
        awaitStatus(conversation, "SENDER", "COMPLETE", deadline);
        long t5 = System.nanoTime();
        record(steps, "5 outcome -> sender COMPLETE", t4, t5);
        record(steps, "all: request -> COMPLETE", t0, t5);
    }

    static void awaitStatus(String conversation, String role, String wanted, long deadline) throws Exception {
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = call("GET", "/api/v1/transfers/" + conversation + "?role=" + role, null, null);
            Matcher m = STATUS.matcher(r.body());
            if (r.statusCode() == 200 && m.find()) {
                if (m.group(1).equals(wanted)) {
                    return;
                }
                if (List.of("FAILED", "TIMED_OUT", "REJECTED", "REFUSED", "NOT_INTEGRATED").contains(m.group(1))) {
                    throw new IllegalStateException(role + " ended " + m.group(1));
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("time limit reached waiting for " + wanted);
    }

    static HttpResponse<String> call(String method, String path, String type, String body) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + key);
            if (type != null) {
                b.header("Content-Type", type);
            }
            b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path + ": " + e.getClass().getSimpleName());
        }
    }

    static void practice(String ods, String asid) {
        HttpResponse<String> r = call("PUT", "/api/v1/practices/" + ods, "application/json",
                "{\"name\":\"Bench " + ods + "\",\"asid\":\"" + asid + "\",\"partyKey\":\"" + ods + "-1\",\"hosted\":true}");
        if (r.statusCode() >= 300) {
            throw new IllegalStateException("PUT practice answered " + r.statusCode() + " " + r.body());
        }
    }

    /** Test NHS numbers in the 999 range with valid check digits, unique to this run. */
    static List<String> patients(String run, int count) {
        List<String> numbers = new ArrayList<>();
        long seed = Math.abs(run.hashCode() % 900) * 100000L;
        for (long n = seed; numbers.size() < count; n++) {
            String digits = String.format("999%06d", n % 1_000_000);
            int sum = 0;
            for (int i = 0; i < 9; i++) {
                sum += (digits.charAt(i) - '0') * (10 - i);
            }
            int check = 11 - sum % 11;
            if (check == 11) {
                check = 0;
            }
            if (check != 10) {
                numbers.add(digits + check);
            }
        }
        return numbers;
    }

    static String record(String nhs, String ods) {
        return "<EhrExtract xmlns=\"urn:hl7-org:v3\" classCode=\"EXTRACT\" moodCode=\"EVN\"><id root=\"B1\"/>"
                + "<recordTarget typeCode=\"RCT\"><patient classCode=\"PAT\"><id root=\"2.16.840.1.113883.2.1.4.1\""
                + " extension=\"" + nhs + "\"/></patient></recordTarget><author typeCode=\"AUT\"><AgentOrgSDS>"
                + "<agentOrganizationSDS><id root=\"1.2.826.0.1285.0.1.10\" extension=\"" + ods + "\"/>"
                + "</agentOrganizationSDS></AgentOrgSDS></author><component typeCode=\"COMP\"><ehrFolder>"
                + "<id root=\"B2\"/>" + "<text>Synthetic benchmark record.</text>".repeat(40)
                + "</ehrFolder></component><limitation typeCode=\"LIMIT\"/></EhrExtract>";
    }

    static void record(Map<String, List<Long>> steps, String step, long from, long to) {
        steps.computeIfAbsent(step, k -> new CopyOnWriteArrayList<>()).add(TimeUnit.NANOSECONDS.toMillis(to - from));
    }

    static long pct(List<Long> sorted, int p) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    static double secs(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
