package io.mapwatch.agent.tooling;

import org.junit.jupiter.api.Test;

import java.nio.file.Paths;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AgentOptionsTest {
    @Test
    void defaultsMatchTheDesign() {
        AgentOptions options = AgentOptions.defaults();
        assertNull(options.record());
        assertEquals("1s", options.sample().toString());
        assertEquals("10s", options.residency().toString());
        assertEquals("1m", options.smaps().toString());
        assertEquals("20ms", options.stalls().toString());
        assertTrue(options.access());
        assertFalse(options.redactPaths());
        assertEquals(Log.Level.WARN, options.log());
        assertTrue(options.problems().isEmpty());
    }

    @Test
    void keysAreTrimmedAndTheLastOfARepeatedKeyWins() {
        AgentOptions options = AgentOptions.parse(" sample = 500ms , stalls=off,sample=2m, redact=paths,log=DEBUG");
        assertEquals("2m", options.sample().toString());
        assertTrue(options.stalls().isOff());
        assertTrue(options.redactPaths());
        assertEquals(Log.Level.DEBUG, options.log());
        assertTrue(options.problems().isEmpty(), options.problems().toString());
    }

    @Test
    void aPeriodGivenEvenAtItsDefaultValueIsGivenAndABadOneIsNot() {
        AgentOptions options = AgentOptions.parse("residency=10s,smaps=never,sample=1s");
        assertTrue(options.given("residency"), "given at the default value: honoured, not budgeted");
        assertTrue(options.given("sample"));
        assertFalse(options.given("smaps"), "a bad value keeps the default, and the default's budget");
        assertFalse(options.given("stalls"));
        assertFalse(AgentOptions.defaults().given("residency"));
    }

    @Test
    void recordPathIsMadeAbsolute() {
        AgentOptions options = AgentOptions.parse("record=out/app.jfr");
        assertEquals(Paths.get("out/app.jfr").toAbsolutePath().normalize(), options.record());
    }

    @Test
    void aRecordPathWithACommaIsWrittenWithABackslashAndShownSo() {
        AgentOptions options = AgentOptions.parse("record=/tmp/a\\,b.jfr,log=info");
        assertEquals(Paths.get("/tmp/a,b.jfr"), options.record());
        assertEquals(Log.Level.INFO, options.log());
        assertTrue(options.problems().isEmpty(), options.problems().toString());
        assertTrue(options.toString().startsWith("record=/tmp/a\\,b.jfr,sample=1s,"), options.toString());
        assertEquals(options.record(), AgentOptions.parse(options.toString()).record(), "the shown options read back");
    }

    @Test
    void eachProblemIsOneSentenceAndKeepsTheDefault() {
        AgentOptions options = AgentOptions.parse("sample=0s,residency=-1s,smaps=12parsecs,stalls=99999999999999999999ms,"
                + "access=perhaps,redact=all,log=loud,frobnicate=1,record=");
        assertEquals(9, options.problems().size(), options.problems().toString());
        assertEquals(AgentOptions.DEFAULT_SAMPLE, options.sample());
        assertEquals(AgentOptions.DEFAULT_RESIDENCY, options.residency());
        assertEquals(AgentOptions.DEFAULT_SMAPS, options.smaps());
        assertEquals(AgentOptions.DEFAULT_STALLS, options.stalls());
        assertTrue(options.access());
        assertNull(options.record());
        for (String problem : options.problems()) {
            assertFalse(problem.contains("\n"), problem);
        }
        assertTrue(options.problems().get(0).contains("longer than zero"), options.problems().get(0));
        assertTrue(options.problems().get(7).contains("unknown option 'frobnicate'"));
    }

    @Test
    void toStringShowsTheEffectiveOptions() {
        assertEquals("sample=1s,residency=10s,smaps=1m,stalls=20ms,access=on,redact=off,log=warn",
                AgentOptions.defaults().toString());
    }
}
