package io.inferencegateway.gateway.files;

import io.inferencegateway.files.StoredFile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** OpenAI's shapes for files: the file object, a page of them, and a deletion. */
final class FileJson {

    private FileJson() {
    }

    static Map<String, Object> file(StoredFile file) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", file.id());
        json.put("object", "file");
        json.put("bytes", file.bytes());
        json.put("created_at", file.createdAt().getEpochSecond());
        json.put("filename", file.filename());
        json.put("purpose", file.purpose());
        // Deprecated by OpenAI but still required by its SDKs; a stored file is complete, hence processed.
        json.put("status", "processed");
        if (file.expiresAt() != null) {
            json.put("expires_at", file.expiresAt().getEpochSecond());
        }
        return json;
    }

    static Map<String, Object> list(List<StoredFile> page, boolean hasMore) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("object", "list");
        json.put("data", page.stream().map(FileJson::file).toList());
        json.put("first_id", page.isEmpty() ? null : page.getFirst().id());
        json.put("last_id", page.isEmpty() ? null : page.getLast().id());
        json.put("has_more", hasMore);
        return json;
    }

    static Map<String, Object> deleted(String id) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("object", "file");
        json.put("deleted", true);
        return json;
    }
}
