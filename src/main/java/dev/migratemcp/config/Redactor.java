package dev.migratemcp.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets in text that may reach output, logs or error messages: known secret values, the password part of
 * {@code user:password@host} URLs and {@code password=...} style parameters.
 */
public final class Redactor {

    public static final String MASK = "***";

    private static final Pattern USER_INFO = Pattern.compile("(://[^/:@\\s]*:)([^@/\\s]*)(@)");
    private static final Pattern SECRET_PARAM = Pattern.compile(
            "(?i)((?:password|passwd|pwd|token|secret|sslpassword|apikey|api_key)\\s*[=:]\\s*)([^&;\\s,)\"']+)");

    private static final Redactor NONE = new Redactor(List.of());

    private final List<String> secrets;

    private Redactor(List<String> secrets) {
        this.secrets = secrets;
    }

    /** A redactor for these secret values (nulls and empty strings ignored). */
    public static Redactor forSecrets(String... values) {
        List<String> kept = new ArrayList<>();
        for (String v : values) {
            if (v != null && !v.isEmpty()) {
                kept.add(v);
            }
        }
        // longest first, so a secret that contains another is masked whole
        kept.sort((a, b) -> b.length() - a.length());
        return kept.isEmpty() ? NONE : new Redactor(List.copyOf(kept));
    }

    public static Redactor none() {
        return NONE;
    }

    /** Masks the password inside a URL-like string. */
    public static String redactUrl(String url) {
        if (url == null) {
            return null;
        }
        String masked = USER_INFO.matcher(url).replaceAll("$1" + Matcher.quoteReplacement(MASK) + "$3");
        return SECRET_PARAM.matcher(masked).replaceAll("$1" + Matcher.quoteReplacement(MASK));
    }

    /** Masks every known secret and every URL password or secret parameter in the text. */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String secret : secrets) {
            out = out.replace(secret, MASK);
        }
        return redactUrl(out);
    }
}
