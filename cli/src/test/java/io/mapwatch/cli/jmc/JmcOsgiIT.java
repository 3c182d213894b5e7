package io.mapwatch.cli.jmc;

import io.mapwatch.cli.CliRun;
import io.mapwatch.cli.Json;
import io.mapwatch.cli.Workload;
import io.mapwatch.cli.rulebook.RuleText;
import io.mapwatch.testapps.MapScenario;
import jdk.jfr.consumer.RecordedStackTrace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.namespace.HostNamespace;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.resource.Requirement;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * mapwatch-jmc-rules.jar loaded as JMC's desktop application loads a jar from its {@code dropins}
 * folder: as an OSGi bundle, in Eclipse's OSGi framework (Equinox, which that application runs on),
 * beside JMC 9.1's own bundles as published on Maven Central. The jar must resolve as a fragment of
 * JMC's rules bundle, so that JMC's rule registry, which finds rules with the ServiceLoader of that
 * bundle's class loader, lists mapwatch's eleven rules; and those rules, run by JMC inside the
 * framework, judge a recording of the real agent as the CLI does.
 *
 * <p>Equinox's last resort to the JVM's class loader for a class asked for by name is off, so such a
 * class that the jar neither carries nor imports (nor JMC's bundles export to it) fails here; the
 * JVM's own loads while it links a class still fall back to that loader, as Equinox needs on JDK 17.
 * What is not here is JMC's user interface, and the p2 reconciler that installs a dropped-in jar.
 */
class JmcOsgiIT {
    private static final String RULES_BUNDLE = "org.openjdk.jmc.flightrecorder.rules";
    private static final String PARSER_BUNDLE = "org.openjdk.jmc.flightrecorder";
    private static final String COMMON_BUNDLE = "org.openjdk.jmc.common";
    private static final String MAPWATCH_BUNDLE = "io.mapwatch.jmc.rules";
    private static final String RULE_TYPE = "org.openjdk.jmc.flightrecorder.rules.IRule";
    private static final String RESULT_TYPE = "org.openjdk.jmc.flightrecorder.rules.IResult";
    /** Rules whose JMC text leaves out the stacks the CLI's names (docs/jdk-tools.md). */
    private static final Set<Object> STACKS_LEFT_OUT = Set.of("gc-only-unmaps", "truncated-under-mapping");
    /** Where JMC's rule registry logs a rule it could not create or register. */
    private static final String REGISTRY_LOGGER = "org.openjdk.jmc.flightrecorder.rules";

    @TempDir
    static Path dir;

    private static Framework framework;

    @BeforeAll
    static void startJmcsBundlesAndMapwatchsFragment() throws Exception {
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, dir.resolve("osgi").toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        // No last resort to the JVM's loader for a class a bundle asks for but neither carries nor imports. (The
        // JVM's own loads while it links a bundle's classes still get it: JDK 17's reflection needs that.)
        config.put("osgi.compatibility.bootdelegation", "false");
        framework = ServiceLoader.load(FrameworkFactory.class).findFirst().orElseThrow().newFramework(config);
        framework.start();
        BundleContext context = framework.getBundleContext();

        List<Bundle> bundles = new ArrayList<>();
        for (Path jar : bundleJars()) {
            bundles.add(context.installBundle(jar.toUri().toString()));
        }
        framework.adapt(FrameworkWiring.class).resolveBundles(bundles);
        for (Bundle bundle : bundles) {
            if (!isFragment(bundle)) {
                try {
                    bundle.start();
                } catch (BundleException unresolved) {
                    throw new AssertionError(bundle.getSymbolicName() + " did not start: " + whyUnresolved(), unresolved);
                }
            }
        }
    }

    @AfterAll
    static void stopFramework() throws Exception {
        if (framework != null) {
            framework.stop();
            framework.waitForStop(TimeUnit.SECONDS.toMillis(30));
        }
    }

    /** What a JMC user would see: the jar resolved and attached to JMC's rules, and its rules among JMC's. */
    @Test
    void jmcsRuleRegistryInTheFrameworkListsMapwatchsElevenRules() throws Exception {
        Bundle fragment = bundle(MAPWATCH_BUNDLE);
        assertTrue(isFragment(fragment), "the jar is a fragment");
        assertEquals(Bundle.RESOLVED, fragment.getState(), "the fragment resolved: " + whyUnresolved());
        List<String> hosts = fragment.adapt(BundleWiring.class).getRequiredWires(HostNamespace.HOST_NAMESPACE).stream()
                .map(BundleWire::getProvider).map(BundleRevision::getSymbolicName).collect(Collectors.toList());
        assertEquals(List.of(RULES_BUNDLE), hosts, "attached to JMC's rules bundle");
        for (Bundle bundle : framework.getBundleContext().getBundles()) {
            assertTrue(bundle.getState() == (isFragment(bundle) ? Bundle.RESOLVED : Bundle.ACTIVE),
                    bundle.getSymbolicName() + " in state " + bundle.getState());
        }

        Bundle rules = bundle(RULES_BUNDLE);
        List<LogRecord> warnings = new CopyOnWriteArrayList<>();
        Collection<?> registered;
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger registryLogger = Logger.getLogger(REGISTRY_LOGGER);
        registryLogger.addHandler(handler);
        try {
            registered = registeredRules(rules);
        } finally {
            registryLogger.removeHandler(handler);
        }
        assertEquals(List.of(), warnings.stream().map(JmcOsgiIT::describe).collect(Collectors.toList()),
                "JMC's registry created and registered every rule it found");

        Map<String, Object> mapwatchRules = new TreeMap<>();
        for (Object rule : registered) {
            String id = (String) invoke(rules, RULE_TYPE, rule, "getId");
            if (id.startsWith("mapwatch.")) {
                mapwatchRules.put(id, rule);
            }
        }
        Set<String> cliRules = Stream.of(RuleText.values()).map(text -> "mapwatch." + text.id())
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(11, cliRules.size(), cliRules.toString());
        assertEquals(cliRules, mapwatchRules.keySet(), "JMC's registry has the CLI's rules, by id");
        assertSame(RecordedStackTrace.class, rules.loadClass(RecordedStackTrace.class.getName()),
                "the JDK's JFR API, which the CLI's analysis names, is the JVM's inside JMC's rules bundle");
        ClassLoader hostLoader = rules.adapt(BundleWiring.class).getClassLoader();
        for (Object rule : mapwatchRules.values()) {
            assertSame(hostLoader, rule.getClass().getClassLoader(), rule.getClass() + ": from the fragment, in JMC's rules bundle");
        }
    }

    /**
     * A map that fails, judged inside the framework by JMC's rules toolkit on JMC's parse of the
     * recording: each of mapwatch's rules has the CLI's severity and words, and map-failures, a
     * WARNING, names the site of the failed map (read from JMC's stack trace).
     */
    @Test
    void mapwatchsRulesInTheFrameworkJudgeARecordingAsTheCliDoes() throws Exception {
        Workload.Run run = Workload.record(dir.resolve("failed.jfr"), MapScenario.class, "--dir", dir.toString(),
                "--maps", "READ_ONLY:0:8k:4k");
        assertTrue(run.exitCode() != 0, "a read-only channel cannot map past the end: " + run.output());

        Bundle rules = bundle(RULES_BUNDLE);
        List<Object> mapwatchRules = new ArrayList<>();
        for (Object rule : registeredRules(rules)) {
            if (((String) invoke(rules, RULE_TYPE, rule, "getId")).startsWith("mapwatch.")) {
                mapwatchRules.add(rule);
            }
        }
        Object items = bundle(PARSER_BUNDLE).loadClass("org.openjdk.jmc.flightrecorder.JfrLoaderToolkit")
                .getMethod("loadEvents", File.class).invoke(null, run.recording().toFile());
        Class<?> preferences = bundle(COMMON_BUNDLE).loadClass("org.openjdk.jmc.common.util.IPreferenceValueProvider");
        Map<?, ?> futures = (Map<?, ?>) rules.loadClass("org.openjdk.jmc.flightrecorder.rules.util.RulesToolkit")
                .getMethod("evaluateParallel", Collection.class, rules.loadClass("org.openjdk.jmc.common.item.IItemCollection"),
                        preferences, int.class)
                .invoke(null, mapwatchRules, items, preferences.getField("DEFAULT_VALUES").get(null), 2);

        Map<String, Map<String, String>> jmc = new HashMap<>();
        for (Map.Entry<?, ?> evaluation : futures.entrySet()) {
            String id = (String) invoke(rules, RULE_TYPE, evaluation.getKey(), "getId");
            Object result = ((Future<?>) evaluation.getValue()).get(60, TimeUnit.SECONDS);
            jmc.put(id, Map.of("severity", ((Enum<?>) invoke(rules, RESULT_TYPE, result, "getSeverity")).name(),
                    "summary", String.valueOf(invoke(rules, RESULT_TYPE, result, "getSummary"))));
        }
        assertEquals(11, jmc.size(), "mapwatch's rules in JMC's registry: " + jmc.keySet());

        List<Map<String, Object>> findings = Json.array(CliRun.of("summary", "--format", "json",
                run.recording().toString()).json(), "findings");
        assertEquals(jmc.keySet(), findings.stream().map(finding -> "mapwatch." + finding.get("id"))
                .collect(Collectors.toSet()), "a result in JMC for each of the CLI's findings");
        for (Map<String, Object> finding : findings) {
            Map<String, String> result = jmc.get("mapwatch." + finding.get("id"));
            String severity = (String) finding.get("severity");
            assertEquals("NOT_APPLICABLE".equals(severity) ? "NA" : severity, result.get("severity"),
                    finding + " in JMC: " + result);
            if (!STACKS_LEFT_OUT.contains(finding.get("id"))) {
                assertEquals(finding.get("summary"), text(result.get("summary")), finding.get("id") + ": the CLI's words in JMC");
            }
        }
        Map<String, Object> failures = Json.row(findings, "id", "map-failures");
        assertEquals("WARNING", failures.get("severity"), failures.toString());
        assertTrue(failures.get("summary").toString().contains(" at " + MapScenario.class.getName() + "."),
                "the CLI names the site: " + failures);
    }

    /** What JMC shows of a result's HTML text (a number and its unit may be joined by a no-break space). */
    private static String text(String html) {
        return html.replace('\u00a0', ' ').replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    /** JMC's own bundles as Maven resolved them, then mapwatch's jar, as the build made it. */
    private static List<Path> bundleJars() throws IOException {
        List<Path> jars;
        try (Stream<Path> files = Files.list(Paths.get(System.getProperty("mapwatch.jmc.bundles")))) {
            jars = files.filter(file -> file.toString().endsWith(".jar")).sorted().collect(Collectors.toList());
        }
        assertTrue(jars.stream().anyMatch(jar -> jar.getFileName().toString().startsWith("flightrecorder.rules.jdk-")),
                "JMC's bundles, its own rules included: " + jars);
        jars.add(Paths.get(System.getProperty("mapwatch.jmc.rules.jar")));
        return jars;
    }

    /** The rules JMC's registry holds, as the registry class of JMC's rules bundle in the framework gives them. */
    private static Collection<?> registeredRules(Bundle rules) throws Exception {
        Class<?> registry = rules.loadClass("org.openjdk.jmc.flightrecorder.rules.RuleRegistry");
        assertSame(rules, FrameworkUtil.getBundle(registry), "JMC's registry, from the bundle, not from the test's class path");
        return (Collection<?>) registry.getMethod("getRules").invoke(null);
    }

    /** Calls {@code method} of {@code type} (a public interface of JMC's, as {@code bundle} sees it) on {@code target}. */
    private static Object invoke(Bundle bundle, String type, Object target, String method) throws Exception {
        try {
            return bundle.loadClass(type).getMethod(method).invoke(target);
        } catch (InvocationTargetException e) {
            throw new AssertionError(type + "." + method + " failed inside the framework", e.getCause());
        }
    }

    private static Bundle bundle(String symbolicName) {
        return Stream.of(framework.getBundleContext().getBundles())
                .filter(bundle -> symbolicName.equals(bundle.getSymbolicName())).findFirst()
                .orElseThrow(() -> new AssertionError("no bundle " + symbolicName + " installed"));
    }

    private static boolean isFragment(Bundle bundle) {
        return (bundle.adapt(BundleRevision.class).getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
    }

    /** Each bundle that did not resolve, with what it requires (its host, bundles, packages). */
    private static String whyUnresolved() {
        StringBuilder why = new StringBuilder();
        for (Bundle bundle : framework.getBundleContext().getBundles()) {
            if (bundle.getState() == Bundle.INSTALLED) {
                why.append('\n').append(bundle.getSymbolicName()).append(" requires");
                for (Requirement requirement : bundle.adapt(BundleRevision.class).getRequirements(null)) {
                    why.append(' ').append(requirement.getDirectives().get("filter"));
                }
            }
        }
        return why.length() == 0 ? "every bundle resolved" : why.toString();
    }

    private static String describe(LogRecord record) {
        return record.getMessage() + (record.getThrown() == null ? "" : ": " + record.getThrown());
    }
}
