package io.mapwatch.agent.tooling.linux;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReader;
import java.lang.module.ModuleReference;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Starts the agent's FFM module on JDK 22+ and hands out its {@link LinuxCalls}; on other JDKs,
 * or where the JDK refuses, says why.
 *
 * <p>A restricted FFM method ({@code Linker.downcallHandle}, {@code MemorySegment.reinterpret})
 * called from a module without native access makes JDK 22+ print a warning on the application's
 * stderr, and a future JDK will refuse it. {@code Enable-Native-Access} in an agent's manifest
 * does not count, and {@code --enable-native-access=ALL-UNNAMED} would also silence the
 * application's own warnings. So the FFM code is a small named module, {@value #MODULE}, defined
 * in a module layer of the agent's with a class loader that serves it from the agent jar
 * ({@value #CLASS_FOLDER}{@code **.classdata}, where neither the tooling loader nor the
 * application's class path can find it). Native access is enabled for that module alone, through
 * {@code JavaLangAccess.addEnableNativeAccess(Module)}, which {@code java.base} exports to the
 * tooling's module only ({@link Instrumentation#redefineModule}): the application gains nothing,
 * and its own restricted calls still warn. The module reads the tooling's module (for this
 * interface) and exports its package to it; nothing else sees it.
 *
 * <p>Loaded once per JVM, on first use.
 */
public final class NativeLayer {
    static final String MODULE = "io.mapwatch.agent.ffm";
    private static final String PACKAGE = "io.mapwatch.agent.ffm";
    private static final String IMPLEMENTATION = PACKAGE + ".FfmLinuxCalls";
    /** Where the agent jar keeps the module's classes, below the tooling's {@code inst/}. */
    static final String CLASS_FOLDER = "META-INF/versions/22/";
    private static final int FFM_FEATURE = 22;

    private static Loaded loaded;

    private NativeLayer() {
    }

    /** The calls, or why there are none; {@code calls} is null exactly when {@code unavailable} is not. */
    public record Loaded(LinuxCalls calls, String unavailable) {
    }

    /** Starts the module the first time; later calls give the same answer. Never throws. */
    public static synchronized Loaded load(Instrumentation inst) {
        if (loaded == null) {
            loaded = start(inst);
        }
        return loaded;
    }

    private static Loaded start(Instrumentation inst) {
        int feature = Runtime.version().feature();
        if (feature < FFM_FEATURE) {
            return refused("needs JDK " + FFM_FEATURE + " or newer (the FFM API); this is JDK " + feature);
        }
        ClassLoader tooling = NativeLayer.class.getClassLoader();
        if (tooling.getResource(classFile(IMPLEMENTATION)) == null) {
            return refused("this agent jar was built on a JDK older than " + FFM_FEATURE + ", without its FFM module");
        }
        Module module;
        try {
            module = defineModule(tooling);
        } catch (RuntimeException | LinkageError e) {
            return refused("the agent's FFM module could not be defined: " + e);
        }
        try {
            enableNativeAccess(inst, module);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return refused("the JDK does not let the agent enable native access for its own module: " + cause);
        }
        try {
            Class<?> implementation = Class.forName(IMPLEMENTATION, true, module.getClassLoader());
            return new Loaded((LinuxCalls) implementation.getConstructor().newInstance(), null);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return refused("the agent's FFM module could not start: " + cause);
        }
    }

    private static Loaded refused(String why) {
        return new Loaded(null, why);
    }

    private static String classFile(String className) {
        return CLASS_FOLDER + className.replace('.', '/') + ".classdata";
    }

    /** The module, in a layer of its own over the boot layer, read by and exported to nothing but the tooling. */
    private static Module defineModule(ClassLoader tooling) {
        ModuleDescriptor descriptor = ModuleDescriptor.newModule(MODULE).packages(Set.of(PACKAGE)).build();
        ModuleReference reference = new ModuleReference(descriptor, null) {
            @Override
            public ModuleReader open() {
                return new ModuleReader() { // the loader serves the classes; nothing is read through here
                    @Override
                    public Optional<URI> find(String name) {
                        return Optional.empty();
                    }

                    @Override
                    public Stream<String> list() {
                        return Stream.empty();
                    }

                    @Override
                    public void close() {
                    }
                };
            }
        };
        ModuleFinder finder = new ModuleFinder() {
            @Override
            public Optional<ModuleReference> find(String name) {
                return MODULE.equals(name) ? Optional.of(reference) : Optional.empty();
            }

            @Override
            public Set<ModuleReference> findAll() {
                return Set.of(reference);
            }
        };
        Configuration configuration = ModuleLayer.boot().configuration().resolve(finder, ModuleFinder.of(), Set.of(MODULE));
        ClassLoader loader = new ModuleClassLoader(tooling);
        ModuleLayer.Controller controller = ModuleLayer.defineModules(configuration, List.of(ModuleLayer.boot()), name -> loader);
        Module module = controller.layer().findModule(MODULE).orElseThrow();
        Module toolingModule = NativeLayer.class.getModule();
        controller.addReads(module, toolingModule);
        controller.addExports(module, PACKAGE, toolingModule);
        return module;
    }

    /**
     * {@code SharedSecrets.getJavaLangAccess().addEnableNativeAccess(module)}, after
     * {@code java.base} exported {@code jdk.internal.access} to the tooling's module; then checks
     * {@code Module.isNativeAccessEnabled()}, so that no restricted method is ever called without it.
     */
    private static void enableNativeAccess(Instrumentation inst, Module module) throws ReflectiveOperationException {
        inst.redefineModule(Object.class.getModule(), Set.of(),
                Map.of("jdk.internal.access", Set.of(NativeLayer.class.getModule())), Map.of(), Set.of(), Map.of());
        Object javaLangAccess = Class.forName("jdk.internal.access.SharedSecrets").getMethod("getJavaLangAccess").invoke(null);
        Class.forName("jdk.internal.access.JavaLangAccess").getMethod("addEnableNativeAccess", Module.class)
                .invoke(javaLangAccess, module);
        if (!(Boolean) Module.class.getMethod("isNativeAccessEnabled").invoke(module)) {
            throw new IllegalStateException("native access is still not enabled for " + MODULE);
        }
    }

    /**
     * Defines the module's classes from {@value #CLASS_FOLDER} of the agent jar, read through the
     * tooling loader (which never defines them itself: it looks for classes elsewhere), and
     * delegates every other class to it.
     */
    private static final class ModuleClassLoader extends ClassLoader {
        static {
            registerAsParallelCapable();
        }

        ModuleClassLoader(ClassLoader tooling) {
            super("mapwatch-ffm", tooling);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith(PACKAGE + ".")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> found = findLoadedClass(name);
                return found != null ? found : findClass(name);
            }
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            try (InputStream in = getParent().getResourceAsStream(classFile(name))) {
                if (in == null) {
                    throw new ClassNotFoundException(name);
                }
                byte[] bytes = in.readAllBytes();
                return defineClass(name, bytes, 0, bytes.length);
            } catch (IOException e) {
                throw new ClassNotFoundException(name, e);
            }
        }

        @Override
        protected Class<?> findClass(String moduleName, String name) {
            try {
                return MODULE.equals(moduleName) ? findClass(name) : null;
            } catch (ClassNotFoundException e) {
                return null;
            }
        }
    }
}
