package ai.adoption.experiments;

import io.restassured.RestAssured;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A minimal HTTP/1.1 client over a plain socket, for requests that well-behaved clients refuse to
 * send: raw (mis-)encoded targets, NUL in headers, malformed media types. One connection per request.
 */
public final class RawHttp {

    public record Reply(int status, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String contentType() {
            String type = header("content-type");
            return type == null ? "" : type;
        }
    }

    private RawHttp() {
    }

    /** {@code headers} are written as given ("Name: value" lines); Host, Connection and Content-Length are added. */
    public static Reply send(String method, String target, Map<String, String> headers, byte[] body) {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(30_000);
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            StringBuilder head = new StringBuilder();
            head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
            head.append("Host: localhost:").append(RestAssured.port).append("\r\n");
            head.append("Connection: close\r\n");
            if (headers != null) {
                headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            }
            if (body != null) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            head.append("\r\n");
            request.write(head.toString().getBytes(StandardCharsets.UTF_8));
            if (body != null) {
                request.write(body);
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.toByteArray());
            out.flush();
            return read(socket.getInputStream());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + abbreviate(target) + ": " + e, e);
        }
    }

    public static Reply send(String method, String target, Map<String, String> headers, String body) {
        return send(method, target, headers, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    private static Reply read(InputStream in) throws IOException {
        byte[] all = in.readAllBytes();
        int split = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        if (split < 0) {
            throw new IOException("no complete response head (" + all.length + " bytes)");
        }
        String[] lines = new String(all, 0, split, StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.merge(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim(),
                        (a, b) -> a + ", " + b);
            }
        }
        byte[] rest = java.util.Arrays.copyOfRange(all, split + 4, all.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            rest = dechunk(rest);
        }
        return new Reply(status, headers, new String(rest, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int pos = 0;
        while (pos < data.length) {
            int lineEnd = indexOf(java.util.Arrays.copyOfRange(data, pos, data.length), "\r\n".getBytes(StandardCharsets.US_ASCII));
            if (lineEnd < 0) {
                break;
            }
            String sizeText = new String(data, pos, lineEnd, StandardCharsets.US_ASCII).split(";")[0].trim();
            int size = Integer.parseInt(sizeText, 16);
            pos += lineEnd + 2;
            if (size == 0) {
                break;
            }
            out.write(data, pos, Math.min(size, data.length - pos));
            pos += size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    public static String abbreviate(String text) {
        return text == null || text.length() <= 120 ? text : text.substring(0, 120) + "…(" + text.length() + " chars)";
    }
}
