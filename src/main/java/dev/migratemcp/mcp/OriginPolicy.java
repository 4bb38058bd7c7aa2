package dev.migratemcp.mcp;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** Which browser origins may call the HTTP server: pages on this machine's loopback names, and those listed. */
final class OriginPolicy {

    private final Set<String> listed;

    OriginPolicy(Set<String> listed) {
        this.listed = listed.stream().map(o -> o.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    boolean allows(String origin) {
        String o = origin.toLowerCase(Locale.ROOT);
        if (listed.contains(o)) {
            return true;
        }
        for (String scheme : new String[]{"http://", "https://"}) {
            if (o.startsWith(scheme)) {
                String name = HttpGuard.hostName(o.substring(scheme.length()));
                return name != null && HttpServer.LOOPBACK_NAMES.contains(name);
            }
        }
        return false;
    }
}
