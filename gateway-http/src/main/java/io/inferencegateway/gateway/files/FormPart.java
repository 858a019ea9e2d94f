package io.inferencegateway.gateway.files;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One part of a form: its field name, the file name a file part carries (null for a plain field), and its body.
 *
 * @param body a stream that ends where the part ends; valid until the reader moves to the next part
 */
record FormPart(String name, String filename, String contentType, InputStream body) {

    /** From the part's headers (names in lower case), which must include a {@code form-data} disposition. */
    static FormPart of(Map<String, String> headers, InputStream body) throws MalformedMultipartException {
        String disposition = headers.get("content-disposition");
        Map<String, String> parameters = disposition == null ? null : parameters(disposition);
        if (parameters == null || !parameters.containsKey("name")) {
            throw new MalformedMultipartException(
                    "Every part of the form needs a 'Content-Disposition: form-data; name=\"...\"' header.");
        }
        // RFC 7578 discourages filename*, but some clients send it for non-ASCII names; it wins when present.
        String filename = parameters.containsKey("filename*") ? extendedValue(parameters.get("filename*"))
                : parameters.get("filename");
        return new FormPart(parameters.get("name"), filename, headers.get("content-type"), body);
    }

    /** The body as UTF-8 text, refused past {@code maxBytes}. */
    String text(int maxBytes) throws IOException {
        byte[] bytes = body.readNBytes(maxBytes + 1);
        if (bytes.length > maxBytes) {
            throw new MalformedMultipartException("The form field '" + name + "' is longer than " + maxBytes
                    + " bytes.");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** {@code form-data; name="file"; filename="a.jsonl"}: the parameters, or null when it is not form-data. */
    private static Map<String, String> parameters(String disposition) {
        Map<String, String> parameters = new HashMap<>();
        int i = disposition.indexOf(';');
        String type = (i < 0 ? disposition : disposition.substring(0, i)).strip();
        if (!type.equalsIgnoreCase("form-data")) {
            return null;
        }
        while (i >= 0 && i < disposition.length()) {
            int equals = disposition.indexOf('=', i + 1);
            if (equals < 0) {
                break;
            }
            String key = disposition.substring(i + 1, equals).strip().toLowerCase(Locale.ROOT);
            StringBuilder value = new StringBuilder();
            int j = equals + 1;
            while (j < disposition.length() && disposition.charAt(j) == ' ') {
                j++;
            }
            if (j < disposition.length() && disposition.charAt(j) == '"') {
                for (j++; j < disposition.length() && disposition.charAt(j) != '"'; j++) {
                    char c = disposition.charAt(j);
                    if (c == '\\' && j + 1 < disposition.length()) {
                        c = disposition.charAt(++j);
                    }
                    value.append(c);
                }
                j = disposition.indexOf(';', j);
            } else {
                int end = disposition.indexOf(';', j);
                value.append(disposition, j, end < 0 ? disposition.length() : end);
                j = end;
            }
            parameters.putIfAbsent(key, value.toString().strip());
            i = j;
        }
        return parameters;
    }

    /** RFC 5987's {@code UTF-8''na%C3%AFve.jsonl}; a value in another form is taken as it is. */
    private static String extendedValue(String value) {
        int quote = value.indexOf("''");
        if (quote < 0 || !value.substring(0, quote).equalsIgnoreCase("utf-8")) {
            return value;
        }
        try {
            return URLDecoder.decode(value.substring(quote + 2).replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return value;
        }
    }
}
