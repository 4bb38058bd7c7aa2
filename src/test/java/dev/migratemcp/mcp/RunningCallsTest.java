package dev.migratemcp.mcp;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunningCallsTest {

    /** SSE sessions count a call's end as use, so that its answer finds the session still open. */
    @Test
    void theEndOfACallIsToldWithItsSession() {
        RunningCalls calls = new RunningCalls();
        List<String> ended = new ArrayList<>();
        calls.onFinish(ended::add);
        String key = calls.begin("session-1", 7);
        assertTrue(calls.running("session-1"));
        calls.finish(key);
        assertFalse(calls.running("session-1"));
        assertEquals(List.of("session-1"), ended);
        calls.finish(null); // a call without a key (stdio's own requests) tells nobody
        assertEquals(List.of("session-1"), ended);
    }

    @Test
    void aCancelledCallIsAnsweredNever() {
        RunningCalls calls = new RunningCalls();
        String key = calls.begin("s", "abc");
        calls.cancel("s", "abc");
        assertTrue(calls.signal(key).getAsBoolean());
        calls.finish(key);
        assertTrue(calls.withholdAnswer("s", "abc"));
        assertFalse(calls.withholdAnswer("s", "abc"), "withheld once: the answer is sent once");
        assertFalse(calls.withholdAnswer("s", 0), "ids of another type are other requests");
    }
}
