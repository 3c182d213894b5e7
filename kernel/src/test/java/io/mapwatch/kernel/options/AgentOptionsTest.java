package io.mapwatch.kernel.options;

import org.junit.jupiter.api.Test;

import java.util.List;

import java.nio.file.Paths;
import java.time.Duration;
import java.time.LocalDateTime;

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
        assertEquals("1m", options.workingSet().toString());
        assertTrue(options.access());
        assertFalse(options.redactPaths());
        assertEquals(LogLevel.WARN, options.log());
        assertTrue(options.problems().isEmpty());
    }

    @Test
    void keysAreTrimmedAndTheLastOfARepeatedKeyWins() {
        AgentOptions options = AgentOptions.parse(" sample = 500ms , stalls=off,sample=2m, redact=paths,log=DEBUG");
        assertEquals("2m", options.sample().toString());
        assertTrue(options.stalls().isOff());
        assertTrue(options.redactPaths());
        assertEquals(LogLevel.DEBUG, options.log());
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
    void recordingLimitsAreJfrsWithJfrsDefault() {
        RecordingRequest plain = AgentOptions.parse("record=/tmp/x.jfr").recording();
        assertNull(plain.maxAge());
        assertEquals(250L << 20, plain.maxSize(), "maxsize=250MB, as JFR.start has it with neither limit given");

        RecordingRequest byAge = AgentOptions.parse("record=/tmp/x.jfr,maxage=6h").recording();
        assertEquals(Duration.ofHours(6), byAge.maxAge());
        assertEquals(0, byAge.maxSize(), "one limit given: no default for the other");

        RecordingRequest bySize = AgentOptions.parse("record=/tmp/x.jfr,MaxSize=1.5g").recording();
        assertNull(bySize.maxAge());
        assertEquals(1536L << 20, bySize.maxSize());

        RecordingRequest unlimited = AgentOptions.parse("record=/tmp/x.jfr,maxage=0,maxsize=0").recording();
        assertNull(unlimited.maxAge(), "0 is no limit, as JFR documents it");
        assertEquals(0, unlimited.maxSize());
    }

    @Test
    void badLimitsCostOneLineEachAndKeepJfrsDefault() {
        AgentOptions options = AgentOptions.parse("record=/tmp/x.jfr,maxage=-1s,maxsize=lots");
        assertEquals(2, options.problems().size(), options.problems().toString());
        assertTrue(options.problems().get(0).startsWith("bad value '-1s' for maxage: "), options.problems().get(0));
        assertTrue(options.problems().get(1).startsWith("bad value 'lots' for maxsize: expected a size"),
                options.problems().get(1));
        assertTrue(options.problems().get(1).endsWith("keeping JFR's default (maxsize=250MiB unless the other limit is given)"),
                options.problems().get(1));
        assertEquals(250L << 20, options.recording().maxSize());
        assertNull(options.recording().maxAge());
    }

    @Test
    void limitsWithoutARecordingAreSaidToBeIgnored() {
        AgentOptions options = AgentOptions.parse("maxage=1h");
        assertNull(options.recording());
        assertEquals(1, options.problems().size(), options.problems().toString());
        assertTrue(options.problems().get(0).contains("no recording was asked for; ignored"), options.problems().get(0));
    }

    @Test
    void pidAndTimeExpandInTheFileNameAsInJfr() {
        assertEquals("run-4242-2026_01_02_03_04_05-%-%x-%.jfr",
                RecordingRequest.expandFileName("run-%p-%t-%%-%x-%.jfr", 4242, LocalDateTime.of(2026, 1, 2, 3, 4, 5)));
        assertEquals("no-escapes.jfr", RecordingRequest.expandFileName("no-escapes.jfr", 1, LocalDateTime.now()));
        String name = AgentOptions.parse("record=/tmp/run-%p-%t.jfr").record().getFileName().toString();
        assertTrue(name.matches("run-" + ProcessHandle.current().pid() + "-\\d{4}(_\\d\\d){5}\\.jfr"), name);
    }

    @Test
    void theShownRecordingOptionsReadBackToTheSameRecording() {
        for (String text : new String[]{"record=/tmp/x.jfr", "record=/tmp/x.jfr,maxage=90s", "record=/tmp/x.jfr,maxsize=64m",
                "record=/tmp/x.jfr,maxage=1h,maxsize=1g", "record=/tmp/x.jfr,maxage=0,maxsize=0"}) {
            RecordingRequest request = AgentOptions.parse(text).recording();
            assertEquals(request, AgentOptions.parse(request.toString()).recording(), text + " shown as " + request);
        }
        assertEquals("record=/tmp/x.jfr,maxage=1h,maxsize=1GiB,sample=1s,residency=10s,smaps=1m,workingset=1m,stalls=20ms,exact=on,access=on,"
                + "redact=off,log=warn", AgentOptions.parse("record=/tmp/x.jfr,maxage=60m,maxsize=1024m").toString());
    }

    @Test
    void aRecordPathWithACommaIsWrittenWithABackslashAndShownSo() {
        AgentOptions options = AgentOptions.parse("record=/tmp/a\\,b.jfr,log=info");
        assertEquals(Paths.get("/tmp/a,b.jfr"), options.record());
        assertEquals(LogLevel.INFO, options.log());
        assertTrue(options.problems().isEmpty(), options.problems().toString());
        assertTrue(options.toString().startsWith("record=/tmp/a\\,b.jfr,maxsize=250MiB,sample=1s,"), options.toString());
        assertEquals(options.record(), AgentOptions.parse(options.toString()).record(), "the shown options read back");
    }

    @Test
    void eachProblemIsOneSentenceAndKeepsTheDefault() {
        AgentOptions options = AgentOptions.parse("sample=0s,residency=-1s,smaps=12parsecs,stalls=99999999999999999999ms,"
                + "access=perhaps,redact=all,log=loud,frobnicate=1,record=,exact=maybe");
        assertEquals(10, options.problems().size(), options.problems().toString());
        assertEquals(AgentOptions.DEFAULT_SAMPLE, options.sample());
        assertEquals(AgentOptions.DEFAULT_RESIDENCY, options.residency());
        assertEquals(AgentOptions.DEFAULT_SMAPS, options.smaps());
        assertEquals(AgentOptions.DEFAULT_STALLS, options.stalls());
        assertTrue(options.access());
        assertTrue(options.exact());
        assertNull(options.record());
        for (String problem : options.problems()) {
            assertFalse(problem.contains("\n"), problem);
        }
        assertTrue(options.problems().get(0).contains("longer than zero"), options.problems().get(0));
        assertTrue(options.problems().get(7).contains("unknown option 'frobnicate'"));
        assertTrue(options.problems().get(9).contains("'maybe' for exact") && options.problems().get(9).contains("exact=on"),
                options.problems().get(9));
    }

    @Test
    void toStringShowsTheEffectiveOptions() {
        assertEquals("sample=1s,residency=10s,smaps=1m,workingset=1m,stalls=20ms,exact=on,access=on,redact=off,log=warn",
                AgentOptions.defaults().toString());
    }

    @Test
    void workingSetTakesAPeriodOrOff() {
        assertEquals("5s", AgentOptions.parse("workingset=5s").workingSet().toString());
        assertTrue(AgentOptions.parse("workingset=off").workingSet().isOff());
        AgentOptions bad = AgentOptions.parse("workingset=0s");
        assertEquals(AgentOptions.DEFAULT_WORKINGSET, bad.workingSet());
        assertEquals(1, bad.problems().size(), bad.problems().toString());
        assertTrue(bad.problems().get(0).startsWith("bad value '0s' for workingset: ")
                && bad.problems().get(0).endsWith("keeping the default workingset=1m"), bad.problems().get(0));
        assertTrue(AgentOptions.helpLines().stream().anyMatch(line -> line.trim().startsWith("workingset=1m ")),
                AgentOptions.helpLines().toString());
    }

    @Test
    void aSecondLoadChangesTheRecordingAndLoggingButNotTheSamplers() {
        AgentOptions running = AgentOptions.parse("sample=2s,stalls=off,access=off");
        AgentOptions given = AgentOptions.parse("record=/tmp/late.jfr,sample=500ms,access=on,log=info,redact=paths");
        AgentOptions inEffect = given.appliedOver(running);
        assertEquals("record=/tmp/late.jfr,maxsize=250MiB,sample=2s,residency=10s,smaps=1m,workingset=1m,stalls=off,exact=on,access=off,"
                + "redact=paths,log=info", inEffect.toString());
        assertTrue(inEffect.given("sample"), "the running agent's given periods stay given (budget rules)");
        assertEquals(List.of("sample=500ms (stays 2s)", "access=on (stays off)"), given.notAppliedOver(running));
        assertEquals(List.of("workingset=off (stays 1m)"), AgentOptions.parse("workingset=off").notAppliedOver(running));
        assertEquals("1m", AgentOptions.parse("workingset=5s").appliedOver(running).workingSet().toString(),
                "the working-set sampler keeps the window it started with");
        assertEquals(List.of(), AgentOptions.parse("record=/tmp/x.jfr,sample=2s").notAppliedOver(running),
                "an option that asks for what runs already is no news");
    }
}
