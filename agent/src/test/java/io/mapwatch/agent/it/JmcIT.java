package io.mapwatch.agent.it;

import io.mapwatch.events.MapEvent;
import io.mapwatch.events.MapwatchEvents;
import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.MemoryAddress;
import jdk.jfr.Name;
import jdk.jfr.Percentage;
import jdk.jfr.Timespan;
import jdk.jfr.Timestamp;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmc.common.IDescribable;
import org.openjdk.jmc.common.item.IAccessorKey;
import org.openjdk.jmc.common.item.IItem;
import org.openjdk.jmc.common.item.IItemIterable;
import org.openjdk.jmc.common.item.IMemberAccessor;
import org.openjdk.jmc.common.item.IType;
import org.openjdk.jmc.common.unit.ContentType;
import org.openjdk.jmc.common.unit.IQuantity;
import org.openjdk.jmc.common.unit.QuantityConversionException;
import org.openjdk.jmc.common.unit.UnitLookup;
import org.openjdk.jmc.flightrecorder.JfrLoaderToolkit;
import org.openjdk.jmc.flightrecorder.internal.EventArray;
import org.openjdk.jmc.flightrecorder.internal.FlightRecordingLoader;

import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Recordings of the real agent read with JDK Mission Control's own parser
 * ({@code org.openjdk.jmc:flightrecorder}), as JMC's event browser shows them: every mapwatch event
 * type with the label, description and category path of its class; every field with its label and
 * the JMC content type its unit annotation promises (bytes are bytes, durations are durations,
 * addresses are addresses, counts are plain numbers); every value as {@code jdk.jfr.consumer}
 * reads it. The expectations come from the event classes by reflection: a new event type or field
 * is covered without touching this test, and a new event type fails it until a workload here
 * records it.
 */
class JmcIT {
    private static final Duration BOUND = Duration.ofMinutes(3);
    /**
     * Need a file evicted from the page cache: a reader caught waiting for the disk (its own test,
     * which may skip), and exact major faults, which also need JDK 22+ and a kernel that allows perf events.
     */
    private static final Set<String> NEEDS_A_COLD_DISK = Set.of(MapwatchEvents.PAGE_FAULT_STALL, MapwatchEvents.FAULT_RANGE);
    private static final Map<String, Class<? extends Event>> EVENT_CLASSES = eventClasses();

    @Test
    void everyMapwatchEventTypeReadsInJmcWithItsLabelsCategoryAndUnits(@TempDir Path dir) throws Exception {
        Set<String> seen = new TreeSet<>();
        seen.addAll(assertReadsInJmcAsDeclared(lifecycleAndHazard(dir)));
        seen.addAll(assertReadsInJmcAsDeclared(samplersAndMappedReads(dir)));
        seen.addAll(assertReadsInJmcAsDeclared(mappedWrites(dir)));
        seen.addAll(assertReadsInJmcAsDeclared(mapFailure(dir)));
        seen.addAll(assertReadsInJmcAsDeclared(lateRecording(dir)));

        Set<String> missing = new TreeSet<>(EVENT_CLASSES.keySet());
        missing.removeAll(NEEDS_A_COLD_DISK);
        missing.removeAll(seen);
        assertEquals(Set.of(), missing, "event types that no workload of this test recorded");
    }

    @Test
    void faultRangesAndStallsOfAColdDiskReadInJmcAsDeclared(@TempDir Path dir) throws Exception {
        Path file = Eviction.coldFile(dir.resolve("cold.dat"), "256m");
        Path recording = dir.resolve("stalls.jfr");
        try (ReadAhead lowered = ReadAhead.lowered(file, 16)) {
            ForkedJvm.workload("RandomReads", "--file", file.toString(), "--size", "256m", "--threads", "1",
                            "--warmup", "0", "--seconds", "4")
                    .runRecording(recording);
        }
        Set<String> read = assertReadsInJmcAsDeclared(recording);
        if ("OK".equals(Recordings.lastSourceStates(recording).get("exact").getString("state"))) { // JDK 22+, perf events allowed
            assertTrue(read.contains(MapwatchEvents.FAULT_RANGE), "the exact mode's ranges of the cold reads: " + read);
        }
        assumeFalse(Recordings.events(recording, MapwatchEvents.PAGE_FAULT_STALL).isEmpty(),
                "the stall sampler never caught the reader waiting for the disk: the disk served every fault between two samples");
        assertTrue(read.contains(MapwatchEvents.PAGE_FAULT_STALL));
    }

    /** Map, Load, Force, Unmap, a MappingHazard (a map that grew its file) and AgentStatus. */
    private static Path lifecycleAndHazard(Path dir) throws Exception {
        Path recording = dir.resolve("lifecycle.jfr");
        ForkedJvm.workload("MapScenario", "--dir", dir.toString(), "--maps", "READ_WRITE:0:1m:4096,READ_ONLY:0:64k:64k",
                        "--load", "--force", "--unmap")
                .runRecording(recording);
        return recording;
    }

    /**
     * The samplers' events (WorkingSet among them), taken while a mapping is live (the test waits for
     * each in the live repository), and MappedRead, recorded with mapwatch.jfc and a 0 ms threshold.
     */
    private static Path samplersAndMappedReads(Path dir) throws Exception {
        Path recording = dir.resolve("samplers.jfr");
        Path repository = Files.createDirectories(dir.resolve("repository"));
        ForkedJvm.workload("BulkReads", "--file", dir.resolve("read.dat").toString(), "--size", "8m",
                        "--op", "get", "--copy", "256k", "--at", "0,2m,5m")
                .holding(dir, "600")
                .agent("sample=200ms,residency=200ms,smaps=1s,workingset=1s")
                .jvmArg(LiveRepository.jvmOption(repository),
                        ShippedJfc.startFlightRecording(ShippedJfc.extract(dir), recording, "mapped-read-threshold=0ms"))
                .runHeld(app -> LiveRepository.awaitEvents(repository, List.of(MapwatchEvents.MAPPED_READ,
                        MapwatchEvents.MAPPING_RESIDENCY, MapwatchEvents.MAPPED_MEMORY, MapwatchEvents.UNTRACKED_MAPPING,
                        MapwatchEvents.PAGE_FAULTS, MapwatchEvents.THREAD_PAGE_FAULTS, MapwatchEvents.MEMORY_PRESSURE,
                        MapwatchEvents.WORKING_SET), app, BOUND))
                .assertSucceeded();
        return recording;
    }

    /** MappedWrite, recorded with mapwatch.jfc and a 0 ms threshold. */
    private static Path mappedWrites(Path dir) throws Exception {
        Path recording = dir.resolve("writes.jfr");
        ForkedJvm.workload("BulkReads", "--file", dir.resolve("write.dat").toString(), "--size", "8m",
                        "--op", "put", "--copy", "256k", "--at", "0,2m")
                .agent("")
                .jvmArg(ShippedJfc.startFlightRecording(ShippedJfc.extract(dir), recording, "mapped-write-threshold=0ms"))
                .run().assertSucceeded();
        return recording;
    }

    /** LiveMapping: a recording started by jcmd after the mapping was made. */
    private static Path lateRecording(Path dir) throws Exception {
        Path recording = dir.resolve("late.jfr");
        Path late = Files.createDirectories(dir.resolve("late"));
        ForkedJvm.workload("MapScenario", "--dir", late.toString(), "--maps", "READ_ONLY:0:64k:64k")
                .holding(late, "600")
                .agent("")
                .runHeld(app -> {
                    app.jcmd("JFR.start", "name=late");
                    app.jcmd("JFR.dump", "name=late", "filename=" + recording);
                }).assertSucceeded();
        return recording;
    }

    /** MapFailure: out of address space. */
    private static Path mapFailure(Path dir) throws Exception {
        Path recording = dir.resolve("failure.jfr");
        Path sparse = dir.resolve("sparse.dat");
        MapFailureIT.outOfAddressSpace(sparse).agent("record=" + recording).run().assertSucceeded();
        Files.delete(sparse);
        return recording;
    }

    /**
     * Checks every mapwatch event type of the recording as JMC reads it against its event class, and
     * returns the names of the types that have events.
     */
    private static Set<String> assertReadsInJmcAsDeclared(Path recording) throws Exception {
        Map<String, List<String>> categories = categories(recording);
        Map<String, Map<String, List<String>>> jmcValues = new TreeMap<>();
        for (IItemIterable iterable : JfrLoaderToolkit.loadEvents(recording.toFile())) {
            IType<IItem> type = iterable.getType();
            String name = type.getIdentifier();
            if (!name.startsWith(MapwatchEvents.PREFIX) || iterable.getItemCount() == 0) {
                continue;
            }
            Class<? extends Event> eventClass = EVENT_CLASSES.get(name);
            assertNotNull(eventClass, name + " is recorded but no event class declares it");
            assertEquals(eventClass.getAnnotation(Label.class).value(), type.getName(), name + ": label");
            String description = eventClass.getAnnotation(Description.class).value();
            assertTrue(type.getDescription().startsWith(description), name + ": description " + type.getDescription());
            assertEquals(Arrays.asList(eventClass.getAnnotation(Category.class).value()), categories.get(name), name + ": category");
            assertEquals(MapwatchEvents.CATEGORY, categories.get(name).get(0), name + ": category path starts with ours");
            Map<String, List<String>> values = jmcValues.computeIfAbsent(name, n -> new TreeMap<>());
            for (Field field : fields(eventClass)) {
                IMemberAccessor<?, IItem> accessor = assertFieldAsDeclared(type, field);
                List<String> ofField = values.computeIfAbsent(field.getName(), f -> new ArrayList<>());
                for (IItem item : iterable) {
                    ofField.add(String.valueOf(inDeclaredUnit(accessor.getMember(item), field)));
                }
            }
        }

        Map<String, List<RecordedEvent>> consumed = RecordingFile.readAllEvents(recording).stream()
                .collect(Collectors.groupingBy(e -> e.getEventType().getName()));
        for (Map.Entry<String, Map<String, List<String>>> type : jmcValues.entrySet()) {
            List<RecordedEvent> events = consumed.getOrDefault(type.getKey(), List.of());
            for (Map.Entry<String, List<String>> field : type.getValue().entrySet()) {
                String where = type.getKey() + "." + field.getKey();
                Field declared = EVENT_CLASSES.get(type.getKey()).getField(field.getKey());
                List<String> jdk = events.stream().map(e -> String.valueOf(inDeclaredUnit(e, declared))).sorted()
                        .collect(Collectors.toList());
                List<String> jmc = new ArrayList<>(field.getValue());
                Collections.sort(jmc);
                assertEquals(jdk, jmc, where + ": values as jdk.jfr.consumer reads them");
            }
        }
        return jmcValues.keySet();
    }

    /** Checks the field's label and content type in JMC and gives the accessor of its values. */
    private static IMemberAccessor<?, IItem> assertFieldAsDeclared(IType<IItem> type, Field field) {
        String where = type.getIdentifier() + "." + field.getName();
        Map.Entry<IAccessorKey<?>, ? extends IDescribable> key = type.getAccessorKeys().entrySet().stream()
                .filter(e -> e.getKey().getIdentifier().equals(field.getName())).findFirst()
                .orElseThrow(() -> new AssertionError(where + " is not a field in JMC"));
        assertEquals(field.getAnnotation(Label.class).value(), key.getValue().getName(), where + ": label");
        ContentType<?> contentType = key.getKey().getContentType();
        assertTrue(expectedContentTypes(field).contains(contentType),
                where + ": JMC reads it as " + contentType.getIdentifier() + ", expected one of " + expectedContentTypes(field));
        return type.getAccessor(key.getKey());
    }

    /**
     * The event's fields as JFR sees them: its own and its abstract superclasses' (event fields are
     * public), not static, not transient (JFR adds transient ones of its own).
     */
    private static List<Field> fields(Class<? extends Event> eventClass) {
        return Arrays.stream(eventClass.getFields())
                .filter(f -> !Modifier.isStatic(f.getModifiers()) && !Modifier.isTransient(f.getModifiers()))
                .collect(Collectors.toList());
    }

    /** What JMC must make of a field: its unit annotation decides; a field without one is a plain number, text or flag. */
    private static Set<ContentType<?>> expectedContentTypes(Field field) {
        for (Annotation annotation : field.getAnnotations()) {
            if (annotation.annotationType().isAnnotationPresent(jdk.jfr.ContentType.class)) {
                if (annotation instanceof DataAmount) {
                    assertEquals(DataAmount.BYTES, ((DataAmount) annotation).value(), field + ": sizes are in bytes");
                    return Set.of(UnitLookup.MEMORY);
                } else if (annotation instanceof Timespan) {
                    return Set.of(UnitLookup.TIMESPAN);
                } else if (annotation instanceof MemoryAddress) {
                    return Set.of(UnitLookup.ADDRESS);
                } else if (annotation instanceof Percentage) {
                    return Set.of(UnitLookup.PERCENTAGE);
                } else if (annotation instanceof Timestamp) {
                    assertEquals(Timestamp.MILLISECONDS_SINCE_EPOCH, ((Timestamp) annotation).value(),
                            field + ": a time of day is in milliseconds since the epoch");
                    return Set.of(UnitLookup.TIMESTAMP);
                }
                throw new AssertionError(field + ": say here which JMC content type " + annotation + " must give");
            }
        }
        if (field.getType() == String.class) {
            return Set.of(UnitLookup.PLAIN_TEXT);
        } else if (field.getType() == boolean.class) {
            return Set.of(UnitLookup.FLAG);
        }
        return Set.of(UnitLookup.NUMBER, UnitLookup.RAW_NUMBER);
    }

    /** A JMC value in the unit the field declares: bytes, nanoseconds, the address, the fraction. */
    private static Object inDeclaredUnit(Object member, Field field) throws QuantityConversionException {
        if (!(member instanceof IQuantity)) {
            return member;
        }
        IQuantity quantity = (IQuantity) member;
        if (field.isAnnotationPresent(DataAmount.class)) {
            return quantity.longValueIn(UnitLookup.BYTE);
        } else if (field.isAnnotationPresent(Timespan.class)) {
            return quantity.longValueIn(UnitLookup.NANOSECOND);
        } else if (field.isAnnotationPresent(MemoryAddress.class)) {
            return quantity.longValueIn(UnitLookup.ADDRESS_UNITY);
        } else if (field.isAnnotationPresent(Percentage.class)) {
            return quantity.doubleValueIn(UnitLookup.PERCENT_UNITY);
        } else if (field.isAnnotationPresent(Timestamp.class)) {
            return quantity.longValueIn(UnitLookup.EPOCH_MS);
        }
        return isFloatingPoint(field) ? (Object) quantity.doubleValue() : (Object) quantity.longValue();
    }

    /** The jdk.jfr.consumer value of the field, in the same units as {@link #inDeclaredUnit(Object, Field)}. */
    private static Object inDeclaredUnit(RecordedEvent event, Field field) {
        Object value = event.getValue(field.getName());
        if (field.isAnnotationPresent(Timespan.class)) {
            assertEquals(Timespan.NANOSECONDS, field.getAnnotation(Timespan.class).value(),
                    field + ": JMC reads no microsecond timespans, and ticks are not a unit to compare");
            return value;
        } else if (field.isAnnotationPresent(Timestamp.class)) {
            return event.getInstant(field.getName()).toEpochMilli();
        } else if (value instanceof Number) {
            return isFloatingPoint(field) ? (Object) ((Number) value).doubleValue() : (Object) ((Number) value).longValue();
        }
        return value;
    }

    private static boolean isFloatingPoint(Field field) {
        return field.getType() == double.class || field.getType() == float.class;
    }

    /**
     * Category paths, as JMC's event browser groups event types. Only JMC's loader carries them
     * (the item API has none), so this reads through it.
     */
    private static Map<String, List<String>> categories(Path recording) throws Exception {
        Map<String, List<String>> categories = new HashMap<>();
        try (InputStream in = Files.newInputStream(recording)) {
            for (EventArray array : FlightRecordingLoader.loadStream(in, false, false).getArrays()) {
                categories.put(array.getType().getIdentifier(), Arrays.asList(array.getTypeCategory()));
            }
        }
        return categories;
    }

    /** Every event class of the jfr-events module by event name, listed from its jar or classes folder. */
    private static Map<String, Class<? extends Event>> eventClasses() {
        String packageName = MapEvent.class.getPackageName();
        String folder = packageName.replace('.', '/') + "/";
        List<String> files = new ArrayList<>();
        try {
            Path location = Paths.get(MapEvent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(location)) {
                try (Stream<Path> listing = Files.list(location.resolve(folder))) {
                    listing.map(p -> p.getFileName().toString()).forEach(files::add);
                }
            } else {
                try (ZipFile jar = new ZipFile(location.toFile())) {
                    jar.stream().map(ZipEntry::getName)
                            .filter(n -> n.startsWith(folder) && n.indexOf('/', folder.length()) < 0)
                            .map(n -> n.substring(folder.length()))
                            .forEach(files::add);
                }
            }
            Map<String, Class<? extends Event>> classes = new TreeMap<>();
            for (String file : files) {
                if (file.endsWith(".class")) {
                    Class<?> type = Class.forName(packageName + "." + file.substring(0, file.length() - ".class".length()),
                            false, MapEvent.class.getClassLoader());
                    if (Event.class.isAssignableFrom(type) && !Modifier.isAbstract(type.getModifiers())) { // abstract: no type of its own
                        classes.put(type.getAnnotation(Name.class).value(), type.asSubclass(Event.class));
                    }
                }
            }
            assertTrue(classes.containsKey(MapwatchEvents.MAP), "event classes found in " + location + ": " + classes.keySet());
            return classes;
        } catch (Exception e) {
            throw new IllegalStateException("cannot list the event classes", e);
        }
    }
}
