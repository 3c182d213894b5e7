package io.mapwatch.agent;

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
 * <p>It has the bootstrap part of the agent (the events, the registry and the dispatchers that
 * advice inlined into JDK classes calls) defined by the bootstrap loader, and starts the tooling in
 * a class loader of its own, which reads the classes stored under {@code inst/}. The bootstrap
 * classes are not ordinary entries of this jar, so that the application's loader, which has this
 * jar on its class path, can never define copies of them; this class reaches them by reflection
 * only, once they are defined. It never lets a failure reach the application: the worst case is
 * one line on stderr and an application running without us.
 */
public final class AgentLauncher {
    private static final String TOOLING_MAIN = "io.mapwatch.agent.tooling.AgentMain";
    private static final String BOOTSTRAP_DEFINER = "io.mapwatch.agent.tooling.BootstrapClassDefiner";
    private static final String AGENT_STATE = "io.mapwatch.agent.bootstrap.AgentState";

    private AgentLauncher() {
    }

    public static void premain(String args, Instrumentation inst) {
        launch(args, inst, true);
    }

    public static void agentmain(String args, Instrumentation inst) {
        launch(args, inst, false);
    }

    /** Synchronized: two attaches at once must not both define the bootstrap classes. */
    private static synchronized void launch(String args, Instrumentation inst, boolean atStartup) {
        try {
            File jar = agentJar();
            ClassLoader tooling = null;
            String bootPathNotice = null;
            if (!bootstrapPartDefined()) {
                JarFile jarFile = new JarFile(jar);
                tooling = new ToolingClassLoader(jarFile);
                bootPathNotice = (String) tooling.loadClass(BOOTSTRAP_DEFINER)
                        .getMethod("define", Instrumentation.class, JarFile.class)
                        .invoke(null, inst, jarFile);
            }
            if (handedToRunningAgent(args)) {
                return;
            }
            if (tooling == null) {
                tooling = new ToolingClassLoader(new JarFile(jar));
            }
            tooling.loadClass(TOOLING_MAIN)
                    .getMethod("start", String.class, Instrumentation.class, boolean.class, String.class)
                    .invoke(null, args, inst, atStartup, bootPathNotice);
        } catch (Throwable t) {
            Throwable cause = t.getCause() != null ? t.getCause() : t;
            System.err.println("[mapwatch] agent not started, the application runs without it: " + cause);
        }
    }

    private static boolean bootstrapPartDefined() {
        try {
            Class.forName(AGENT_STATE, false, null);
            return true;
        } catch (ClassNotFoundException notYet) {
            return false;
        }
    }

    /** {@code AgentState.reload(args)}: true when an agent already runs here and took the options. */
    private static boolean handedToRunningAgent(String args) throws ReflectiveOperationException {
        return (Boolean) Class.forName(AGENT_STATE, true, null).getMethod("reload", String.class).invoke(null, args);
    }

    private static File agentJar() throws Exception {
        URL location = AgentLauncher.class.getProtectionDomain().getCodeSource().getLocation();
        return new File(location.toURI());
    }

    /**
     * Defines the agent's tooling (Byte Buddy, option parsing, samplers) from {@code inst/*.classdata},
     * invisible to the bootstrap loader and to the application. Parent is the platform loader, so
     * JDK modules and the bootstrap part (once defined) resolve as usual.
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
