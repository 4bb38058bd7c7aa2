package dev.migratemcp.backup;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Puts objects in an order in which each comes after everything it depends on, so a dump replays without "does not
 * exist" errors. Among objects free to go, the one with the smallest key goes first (creation order, where the keys
 * are object ids), so the same catalog always gives the same dump. A cycle is an error naming its members: a dump
 * that cannot be replayed must fail when it is taken, not when it is needed.
 */
final class DependencyOrder<K extends Comparable<K>> {

    private final Map<K, String> names = new LinkedHashMap<>();
    private final Map<K, Set<K>> dependsOn = new HashMap<>();

    /** Adds an object; {@code name} is only for the error message. */
    void add(K key, String name) {
        names.put(key, name);
        dependsOn.computeIfAbsent(key, k -> new HashSet<>());
    }

    boolean contains(K key) {
        return names.containsKey(key);
    }

    /** Records that {@code object} needs {@code dependency} first; ignored unless both were added. */
    void dependency(K object, K dependency) {
        if (!object.equals(dependency) && names.containsKey(object) && names.containsKey(dependency)) {
            dependsOn.get(object).add(dependency);
        }
    }

    List<K> order() throws IOException {
        Map<K, Integer> waiting = new HashMap<>();
        Map<K, List<K>> dependents = new HashMap<>();
        for (Map.Entry<K, Set<K>> e : dependsOn.entrySet()) {
            waiting.put(e.getKey(), e.getValue().size());
            for (K d : e.getValue()) {
                dependents.computeIfAbsent(d, k -> new ArrayList<>()).add(e.getKey());
            }
        }
        PriorityQueue<K> ready = new PriorityQueue<>(Comparator.naturalOrder());
        waiting.forEach((k, n) -> {
            if (n == 0) {
                ready.add(k);
            }
        });
        List<K> out = new ArrayList<>();
        while (!ready.isEmpty()) {
            K next = ready.poll();
            out.add(next);
            for (K d : dependents.getOrDefault(next, List.of())) {
                if (waiting.merge(d, -1, Integer::sum) == 0) {
                    ready.add(d);
                }
            }
        }
        if (out.size() < names.size()) {
            List<String> cycle = names.entrySet().stream().filter(e -> !out.contains(e.getKey()))
                    .map(Map.Entry::getValue).toList();
            throw new IOException("these objects depend on each other in a cycle, so no order of creation restores "
                    + "them: " + String.join(", ", cycle));
        }
        return out;
    }
}
