package io.mapwatch.testapps;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Start-up of an application that does nothing else: its first statement takes the wall clock, so
 * that a harness which noted the time before starting the JVM sees how long the JVM (and an agent's
 * premain) took to reach {@code main}. Prints {@code mainAtEpochMillis} and exits.
 *
 * <p>With a jar as argument it then loads every class of that jar (without initializing them, in a
 * loader of its own) and prints how many and how long it took: a class-heavy start, every class of
 * which goes through the agent's class file transformer.
 */
public final class StartupTime {
    private StartupTime() {
    }

    public static void main(String[] args) throws Exception {
        long mainAt = System.currentTimeMillis();
        System.out.println("{\"mainAtEpochMillis\": " + mainAt + "}");
        if (args.length == 1) {
            long start = System.nanoTime();
            int loaded = loadAllClasses(new File(args[0]));
            System.out.println("{\"classesLoaded\": " + loaded + ", \"loadMillis\": " + (System.nanoTime() - start) / 1_000_000 + "}");
        }
    }

    private static int loadAllClasses(File jar) throws Exception {
        int loaded = 0;
        try (JarFile file = new JarFile(jar);
             URLClassLoader loader = new URLClassLoader(new URL[] {jar.toURI().toURL()}, StartupTime.class.getClassLoader())) {
            for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements(); ) {
                String name = entries.nextElement().getName();
                if (!name.endsWith(".class") || name.startsWith("META-INF/") || name.endsWith("module-info.class")) {
                    continue;
                }
                try {
                    Class.forName(name.substring(0, name.length() - ".class".length()).replace('/', '.'), false, loader);
                    loaded++;
                } catch (LinkageError | ClassNotFoundException missingDependency) {
                    // a class whose optional dependency is absent: not loaded, not counted
                }
            }
        }
        return loaded;
    }
}
