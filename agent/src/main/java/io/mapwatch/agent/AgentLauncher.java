package io.mapwatch.agent;

import io.mapwatch.agent.bootstrap.AgentState;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.net.MalformedURLException;
import java.net.URL;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Entry point named in the manifest for both {@code -javaagent} and dynamic attach.
 *
 * <p>It puts this jar on the bootstrap search path (so that advice inlined into JDK classes can
 * reach the events, the registry and the dispatchers) and starts the tooling in a class loader of
 * its own, which reads the classes stored under {@code inst/}. It never lets a failure reach the
 * application: the worst case is one line on stderr and an application running without us.
 */
public final class AgentLauncher {
    private static final String TOOLING_MAIN = "io.mapwatch.agent.tooling.AgentMain";

    private AgentLauncher() {
    }

    public static void premain(String args, Instrumentation inst) {
        launch(args, inst, true);
    }

    public static void agentmain(String args, Instrumentation inst) {
        launch(args, inst, false);
    }

    private static void launch(String args, Instrumentation inst, boolean atStartup) {
        try {
            File jar = agentJar();
            if (!bootstrapPartLoaded()) {
                inst.appendToBootstrapClassLoaderSearch(new JarFile(jar));
            }
            if (AgentState.reload(args)) {
                return;
            }
            ClassLoader tooling = new ToolingClassLoader(new JarFile(jar));
            tooling.loadClass(TOOLING_MAIN)
                    .getMethod("start", String.class, Instrumentation.class, boolean.class)
                    .invoke(null, args, inst, atStartup);
        } catch (Throwable t) {
            Throwable cause = t.getCause() != null ? t.getCause() : t;
            System.err.println("[mapwatch] agent not started, the application runs without it: " + cause);
        }
    }

    private static boolean bootstrapPartLoaded() {
        try {
            Class.forName("io.mapwatch.agent.bootstrap.AgentState", false, null);
            return true;
        } catch (ClassNotFoundException notYet) {
            return false;
        }
    }

    private static File agentJar() throws Exception {
        URL location = AgentLauncher.class.getProtectionDomain().getCodeSource().getLocation();
        return new File(location.toURI());
    }

    /**
     * Defines the agent's tooling (Byte Buddy, option parsing, samplers) from {@code inst/*.classdata},
     * invisible to the bootstrap loader and to the application. Parent is the platform loader, so
     * JDK modules and the bootstrap part of this jar resolve as usual.
     */
    public static final class ToolingClassLoader extends ClassLoader {
        static {
            registerAsParallelCapable();
        }

        private final JarFile jar;
        private final String jarUrl;

        ToolingClassLoader(JarFile jar) {
            super("mapwatch", ClassLoader.getPlatformClassLoader());
            this.jar = jar;
            this.jarUrl = "jar:" + new File(jar.getName()).toURI() + "!/";
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            JarEntry entry = jar.getJarEntry("inst/" + name.replace('.', '/') + ".classdata");
            if (entry == null) {
                throw new ClassNotFoundException(name);
            }
            try (InputStream in = jar.getInputStream(entry)) {
                byte[] bytes = in.readAllBytes();
                definePackageOf(name);
                return defineClass(name, bytes, 0, bytes.length);
            } catch (IOException e) {
                throw new ClassNotFoundException(name, e);
            }
        }

        private void definePackageOf(String className) {
            int dot = className.lastIndexOf('.');
            if (dot > 0) {
                String pkg = className.substring(0, dot);
                if (getDefinedPackage(pkg) == null) {
                    try {
                        definePackage(pkg, null, null, null, null, null, null, null);
                    } catch (IllegalArgumentException definedConcurrently) {
                        // another thread defined it first
                    }
                }
            }
        }

        /** Class files are served too: Byte Buddy reads the advice classes' bytes to inline them. */
        @Override
        protected URL findResource(String name) {
            String entryName = name.endsWith(".class")
                    ? "inst/" + name.substring(0, name.length() - ".class".length()) + ".classdata"
                    : "inst/" + name;
            if (jar.getJarEntry(entryName) == null) {
                entryName = name;
                if (jar.getJarEntry(entryName) == null) {
                    return null;
                }
            }
            try {
                return new URL(jarUrl + entryName);
            } catch (MalformedURLException e) {
                return null;
            }
        }
    }
}
