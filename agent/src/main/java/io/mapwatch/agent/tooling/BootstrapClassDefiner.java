package io.mapwatch.agent.tooling;

import io.mapwatch.agent.bootstrap.OwnFiles;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;

/**
 * Defines the bootstrap part of the agent (events, registry, dispatchers, agent state) with the
 * bootstrap class loader, without appending anything to the boot class path: a JVM whose boot class
 * path was appended to warns on stderr and stops sharing the application's classes from its CDS
 * archive (AppCDS, and JDK 24+'s AOT cache).
 *
 * <p>The classes come from the jar nested in the agent jar ({@value #BOOTSTRAP_JAR}), where no
 * other loader can find them. {@code java.base} exports {@code jdk.internal.misc} to this loader's
 * module only (through {@link Instrumentation#redefineModule}, so the application gains nothing),
 * and {@code jdk.internal.misc.Unsafe.defineClass} with a null loader defines each class, the same
 * on JDK 17 and 25. All are defined before any is used: a reference from one bootstrap class to
 * another resolves only when that one is defined already. A JDK that refuses gets the nested jar
 * appended to its boot class path instead, with the warning that comes with it.
 */
public final class BootstrapClassDefiner {
    static final String BOOTSTRAP_JAR = "bootstrap-part.jar";
    private static final String CLASS_SUFFIX = ".class";

    private BootstrapClassDefiner() {
    }

    /**
     * Called reflectively by {@code AgentLauncher} before anything touches a bootstrap class.
     * Returns null when the classes were defined without the boot class path, else why they were
     * appended to it instead.
     */
    public static String define(Instrumentation inst, JarFile agentJar) throws IOException {
        Map<String, byte[]> classes = bootstrapClasses(agentJar);
        Method defineClass;
        Object unsafe;
        try {
            inst.redefineModule(Object.class.getModule(), Set.of(),
                    Map.of("jdk.internal.misc", Set.of(BootstrapClassDefiner.class.getModule())), Map.of(), Set.of(), Map.of());
            Class<?> unsafeClass = Class.forName("jdk.internal.misc.Unsafe");
            unsafe = unsafeClass.getMethod("getUnsafe").invoke(null);
            defineClass = unsafeClass.getMethod("defineClass",
                    String.class, byte[].class, int.class, int.class, ClassLoader.class, ProtectionDomain.class);
        } catch (ReflectiveOperationException | RuntimeException refused) {
            Path copy = appendToBootClassPath(inst, agentJar);
            OwnFiles.add(new File(agentJar.getName()).getAbsolutePath());
            OwnFiles.add(copy.toAbsolutePath().toString());
            return "this JDK does not let the agent define them (" + refused + ")";
        }
        defineInSupertypeOrder(classes, unsafe, defineClass);
        OwnFiles.add(new File(agentJar.getName()).getAbsolutePath());
        return null;
    }

    /**
     * Defines every class, retrying those whose supertype was not defined yet: a class's superclass
     * and interfaces are loaded when it is defined, and the bootstrap loader finds ours only once
     * they are defined.
     */
    private static void defineInSupertypeOrder(Map<String, byte[]> classes, Object unsafe, Method defineClass) {
        List<String> pending = new ArrayList<>(classes.keySet());
        while (!pending.isEmpty()) {
            List<String> supertypeMissing = new ArrayList<>();
            NoClassDefFoundError lastMissing = null;
            for (String name : pending) {
                byte[] bytes = classes.get(name);
                try {
                    defineClass.invoke(unsafe, name, bytes, 0, bytes.length, null, null);
                } catch (InvocationTargetException e) {
                    if (!(e.getCause() instanceof NoClassDefFoundError)) {
                        throw new IllegalStateException("cannot define " + name, e.getCause());
                    }
                    lastMissing = (NoClassDefFoundError) e.getCause();
                    supertypeMissing.add(name);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("cannot define " + name, e);
                }
            }
            if (supertypeMissing.size() == pending.size()) {
                throw new IllegalStateException("cannot define " + pending, lastMissing);
            }
            pending = supertypeMissing;
        }
    }

    /** Class name to bytes, read out of the nested jar. */
    private static Map<String, byte[]> bootstrapClasses(JarFile agentJar) throws IOException {
        JarEntry nested = agentJar.getJarEntry(BOOTSTRAP_JAR);
        if (nested == null) {
            throw new IOException(BOOTSTRAP_JAR + " is missing from " + agentJar.getName());
        }
        Map<String, byte[]> classes = new LinkedHashMap<>();
        try (JarInputStream in = new JarInputStream(agentJar.getInputStream(nested))) {
            for (JarEntry entry; (entry = in.getNextJarEntry()) != null; ) {
                String file = entry.getName();
                if (file.endsWith(CLASS_SUFFIX)) {
                    classes.put(file.substring(0, file.length() - CLASS_SUFFIX.length()).replace('/', '.'), in.readAllBytes());
                }
            }
        }
        return classes;
    }

    /** The fallback: the nested jar, copied out, on the boot class path. */
    private static Path appendToBootClassPath(Instrumentation inst, JarFile agentJar) throws IOException {
        Path copy = Files.createTempFile("mapwatch-bootstrap-", ".jar");
        copy.toFile().deleteOnExit();
        try (InputStream in = agentJar.getInputStream(agentJar.getJarEntry(BOOTSTRAP_JAR))) {
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
        }
        inst.appendToBootstrapClassLoaderSearch(new JarFile(copy.toFile()));
        return copy;
    }
}
