package io.mapwatch.cli.jmc;

import io.mapwatch.events.MapwatchEvents;
import org.openjdk.jmc.common.IMCThread;
import org.openjdk.jmc.common.item.IAccessorKey;
import org.openjdk.jmc.common.item.IItem;
import org.openjdk.jmc.common.item.IItemCollection;
import org.openjdk.jmc.common.item.IItemIterable;
import org.openjdk.jmc.common.item.IMemberAccessor;
import org.openjdk.jmc.common.item.ItemFilters;
import org.openjdk.jmc.common.unit.IQuantity;
import org.openjdk.jmc.common.unit.UnitLookup;

import java.lang.reflect.Field;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The mapwatch events the JMC rules read, as JMC's item API sees them. The names are the agent's
 * (compile-time constants, so the rules jar needs no class of jfr-events). Fields are found by
 * name, whatever content type JMC's parser gave them (a plain {@code long} and a size differ).
 */
final class JmcEvents {
    static final String AGENT_STATUS = MapwatchEvents.AGENT_STATUS;
    static final String FILE_READ = "jdk.FileRead";
    static final String ERROR_THROW = "jdk.JavaErrorThrow";
    static final String JVM_INFORMATION = "jdk.JVMInformation";
    static final String EXECUTION_SAMPLE = "jdk.ExecutionSample";
    /** The thread an event was committed by, under JMC's name for it. */
    static final String EVENT_THREAD = "eventThread";
    /**
     * The field of JMC's thread objects that holds the OS thread id, by class: null where the class
     * (another parser's, another JMC's) has none that can be read.
     */
    private static final ClassValue<Field> OS_THREAD_ID = new ClassValue<>() {
        @Override
        protected Field computeValue(Class<?> type) {
            try {
                Field field = type.getField("osThreadId");
                field.setAccessible(true);
                return field;
            } catch (NoSuchFieldException | RuntimeException notReadable) {
                return null;
            }
        }
    };

    private JmcEvents() {
    }

    /** Calls {@code action} with every event of type {@code typeId} in {@code items}, as fields by name. */
    static void forEach(IItemCollection items, String typeId, Consumer<Fields> action) {
        for (IItemIterable iterable : items.apply(ItemFilters.type(typeId))) {
            Fields fields = new Fields(iterable);
            for (IItem item : iterable) {
                fields.item = item;
                action.accept(fields);
            }
        }
    }

    /** The fields of the event at hand; a field the event type lacks reads as null (or -1 for a number). */
    static final class Fields {
        private final Map<String, IMemberAccessor<?, IItem>> accessors = new HashMap<>();
        private IItem item;

        private Fields(IItemIterable iterable) {
            for (IAccessorKey<?> key : iterable.getType().getAccessorKeys().keySet()) {
                accessors.put(key.getIdentifier(), iterable.getType().getAccessor(key));
            }
        }

        boolean has(String field) {
            return accessors.containsKey(field);
        }

        Object value(String field) {
            IMemberAccessor<?, IItem> accessor = accessors.get(field);
            return accessor == null ? null : accessor.getMember(item);
        }

        String text(String field) {
            Object value = value(field);
            return value == null ? null : value.toString();
        }

        /**
         * A count, a size in bytes, a length of time in nanoseconds or a time in nanoseconds since
         * the epoch: the number the agent wrote; -1 when absent.
         */
        long number(String field) {
            Object value = value(field);
            if (value instanceof IQuantity quantity) {
                if (quantity.getUnit().getContentType() == UnitLookup.MEMORY) {
                    return quantity.clampedLongValueIn(UnitLookup.BYTE);
                }
                if (quantity.getUnit().getContentType() == UnitLookup.TIMESTAMP) {
                    return quantity.clampedLongValueIn(UnitLookup.EPOCH_NS);
                }
                if (quantity.getUnit().getContentType() == UnitLookup.TIMESPAN) {
                    return quantity.clampedLongValueIn(UnitLookup.NANOSECOND);
                }
                return quantity.longValue();
            }
            return value instanceof Number number ? number.longValue() : -1;
        }

        /** A fraction (a percentage as the agent wrote it: 0.05 for 5%) or another decimal; -1 when absent. */
        double decimal(String field) {
            Object value = value(field);
            if (value instanceof IQuantity quantity) {
                return quantity.getUnit().getContentType() == UnitLookup.PERCENTAGE
                        ? quantity.doubleValueIn(UnitLookup.PERCENT_UNITY) : quantity.doubleValue();
            }
            return value instanceof Number number ? number.doubleValue() : -1;
        }

        boolean flag(String field) {
            return Boolean.TRUE.equals(value(field));
        }

        /**
         * The OS thread id of the thread in {@code field}, the number the agent's events and JFR's
         * consumer API know a thread by; -1 when absent or unknown. JMC's {@link IMCThread} gives only
         * the Java thread id, so the id is read from the public field JMC's parser keeps it in.
         */
        long osThreadId(String field) {
            Object thread = value(field);
            Field osThreadId = thread instanceof IMCThread ? OS_THREAD_ID.get(thread.getClass()) : null;
            try {
                return osThreadId != null && osThreadId.get(thread) instanceof Number number ? number.longValue() : -1;
            } catch (IllegalAccessException | RuntimeException unreadable) {
                return -1;
            }
        }
    }
}
