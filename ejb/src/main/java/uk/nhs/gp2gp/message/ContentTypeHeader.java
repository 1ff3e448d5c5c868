package uk.nhs.gp2gp.message;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A Content-Type header: {@code multipart/related; boundary="--=_MIME-Boundary"; type=text/xml}. */
record ContentTypeHeader(String mimeType, Map<String, String> parameters) {

    static ContentTypeHeader parse(String header) {
        if (header == null || header.isBlank()) {
            return new ContentTypeHeader("", Map.of());
        }
        int semicolon = header.indexOf(';');
        String type = (semicolon < 0 ? header : header.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
        Map<String, String> parameters = new LinkedHashMap<>();
        int i = semicolon < 0 ? header.length() : semicolon + 1;
        while (i < header.length()) {
            int equals = header.indexOf('=', i);
            if (equals < 0) {
                break;
            }
            String name = header.substring(i, equals).strip().toLowerCase(Locale.ROOT);
            int start = equals + 1;
            while (start < header.length() && header.charAt(start) == ' ') {
                start++;
            }
            String value;
            if (start < header.length() && header.charAt(start) == '"') {
                int end = header.indexOf('"', start + 1);
                end = end < 0 ? header.length() : end;
                value = header.substring(start + 1, end);
                int next = header.indexOf(';', end);
                i = next < 0 ? header.length() : next + 1;
            } else {
                int end = header.indexOf(';', start);
                end = end < 0 ? header.length() : end;
                value = header.substring(start, end).strip();
                i = end + 1;
            }
            parameters.putIfAbsent(name, value);
        }
        return new ContentTypeHeader(type, parameters);
    }

    String parameter(String name) {
        return parameters.get(name);
    }

    boolean is(String type) {
        return mimeType.equals(type);
    }
}
