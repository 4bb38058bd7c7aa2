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

    /**
     * {@code scheme://user:password@host}: the password runs to the last {@code @} before the host, so an unencoded
     * {@code @} or {@code /} inside it is masked too.
     */
    private static final Pattern USER_INFO = Pattern.compile("(://[^/:@\\s]*:)(\\S*?)(@[^@/?#\\s]*(?:[/?#\\s]|$))");
    /** {@code password=...}, {@code token: ...} and the like; MySQL's "using password: YES" says only whether. */
    private static final Pattern SECRET_PARAM = Pattern.compile("(?i)((?:password|passwd|pwd|token|secret|"
            + "sslpassword|apikey|api_key)\\s*[=:]\\s*)(?!(?:YES|NO)\\))([^&;\\s,)\"']+)");

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

    /** The values of the secret parameters in a URL ({@code ?password=...}), as written and percent-decoded. */
    public static List<String> secretParameters(String url) {
        List<String> found = new ArrayList<>();
        if (url == null) {
            return found;
        }
        Matcher m = SECRET_PARAM.matcher(url);
        while (m.find()) {
            found.add(m.group(2));
            try {
                found.add(java.net.URLDecoder.decode(m.group(2).replace("+", "%2B"),
                        java.nio.charset.StandardCharsets.UTF_8));
            } catch (IllegalArgumentException notEncoded) {
                // the value as written is masked already
            }
        }
        return found;
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
