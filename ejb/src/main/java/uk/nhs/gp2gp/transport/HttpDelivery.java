package uk.nhs.gp2gp.transport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** One HTTP POST of a message, with the answer turned into success, retry or give up. */
final class HttpDelivery {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private HttpDelivery() {
    }

    /**
     * The whole call (connecting, sending, the answer to its last byte) is abandoned at {@code timeout}:
     * the outbox lease is derived from it, so no call may outlive it.
     */
    static void post(URI target, Map<String, String> headers, byte[] body, Duration timeout)
            throws TransportException {
        HttpRequest.Builder request = HttpRequest.newBuilder(target)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        HttpResponse<String> response;
        CompletableFuture<HttpResponse<String>> call = CLIENT.sendAsync(request.build(),
                HttpResponse.BodyHandlers.ofString());
        try {
            response = call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new TransportException("No answer from " + target.getHost() + " within " + timeout, true, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new TransportException("No answer from " + target.getHost() + ": "
                    + cause.getClass().getSimpleName(), true, cause);
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw new TransportException("Interrupted while sending", true, e);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return;
        }
        // 5xx, 429 and 408 may pass; any other 4xx says the message itself was refused.
        boolean retryable = status >= 500 || status == 429 || status == 408;
        String answer = response.body() == null ? "" : response.body();
        throw new TransportException("HTTP " + status + " from " + target.getHost() + ": "
                + answer.substring(0, Math.min(300, answer.length())), retryable);
    }
}
