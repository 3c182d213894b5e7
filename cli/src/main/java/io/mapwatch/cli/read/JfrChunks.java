package io.mapwatch.cli.read;

import io.mapwatch.events.MapwatchEvents;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * mapwatch's own reader of JFR chunks, for the event types that become facts: the chunks of a file
 * are read independently (so several at once), only those event types are decoded, every other
 * event is stepped over by its size, and constant pools are read only as far as those events need
 * them. It reads what it knows with certainty; {@link #plan} looks at every chunk's header and
 * metadata first and declines a file it cannot read whole, which then goes to JFR's own parser.
 */
final class JfrChunks {
    private static final int HEADER_BYTES = 68;
    private static final int MAGIC = 0x464C5200;
    private static final long METADATA = 0;
    private static final long CHECKPOINT = 1;
    private static final int FLUSH = 1;
    /** A chunk is read into the heap whole, and a few are in flight at once: each may take this share of the heap at most. */
    private static final int HEAP_SHARE_OF_A_CHUNK = 8;
    /** JFR numbers the types of a recording from 0 up, a few hundred of them. */
    private static final long MAX_TYPE_ID = 1 << 20;
    /** The most bytes asked of the file at once: the JDK copies each read through a direct buffer of its size, which it keeps per thread. */
    private static final int READ_BYTES = 1 << 20;
    /**
     * The array each parser thread reads its chunks into, grown as needed: a chunk's bytes do not
     * outlive its parse, and a new array per chunk costs its zeroing (a chunk is megabytes).
     */
    private static final ThreadLocal<byte[]> CHUNK_BUFFER = new ThreadLocal<>();

    /** Where the facts of a chunk go, in the order of the chunk, with the ends of its flush segments. */
    interface Sink {
        void fact(Fact fact, boolean mapwatch);

        void segmentEnd();
    }

    /** One chunk, ready to parse. */
    record Chunk(Path file, long position, int size, long firstCheckpoint, Layouts layouts, ChunkEvent.Clock clock) {
        /**
         * Parses the chunk into {@code sink}, its texts shared with the pass's other chunks through
         * {@code strings}; throws {@link DamagedChunk} where its bytes break the format.
         */
        void parse(Sink sink, SharedStrings strings) {
            byte[] bytes = CHUNK_BUFFER.get();
            if (bytes == null || bytes.length < size) {
                bytes = new byte[size];
                CHUNK_BUFFER.set(bytes);
            }
            read(file, position, bytes, size);
            ChunkBytes in = new ChunkBytes(bytes, size);
            ChunkPools pools = new ChunkPools(new ChunkBytes(bytes, size), layouts.metadata(), firstCheckpoint);
            ChunkEvent event = new ChunkEvent(clock, pools, in, strings);
            int end = in.limit();
            in.position(HEADER_BYTES);
            while (in.position() < end) {
                int at = in.position();
                long size = in.readLong();
                if (size <= 0 || size > end - at) {
                    throw new DamagedChunk("an event of " + size + " bytes at " + at);
                }
                long typeId = in.readLong();
                EventLayout layout = layouts.of(typeId);
                if (layout != null) {
                    event.read(layout, in);
                    if (in.position() != at + size) {
                        throw new DamagedChunk("a " + layout.type.name + " event whose fields do not fill its size");
                    }
                    sink.fact(layout.converter.convert(event), layout.mapwatch);
                } else if (typeId == CHECKPOINT) {
                    in.readLong(); // start
                    in.readLong(); // duration
                    in.readLong(); // delta
                    if ((in.readByte() & FLUSH) != 0) {
                        sink.segmentEnd();
                    }
                }
                in.position(at + size);
            }
            sink.segmentEnd();
        }
    }

    /** The layouts of one metadata, by event type id (type ids are small numbers: an array indexed by them). */
    record Layouts(ChunkMetadata metadata, EventLayout[] byId) {
        EventLayout of(long typeId) {
            return typeId >= 0 && typeId < byId.length ? byId[(int) typeId] : null;
        }
    }

    private JfrChunks() {
    }

    /** The {@code size} bytes of {@code file} from {@code position} into the start of {@code bytes}. */
    private static void read(Path file, long position, byte[] bytes, int size) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            read(channel, position, bytes, size);
        } catch (IOException e) {
            throw new DamagedChunk("cannot read it: " + e.getMessage());
        }
    }

    /** The {@code size} bytes of {@code channel} from {@code position}. */
    private static byte[] read(FileChannel channel, long position, int size) {
        byte[] bytes = new byte[size];
        read(channel, position, bytes, size);
        return bytes;
    }

    /** The {@code size} bytes of {@code channel} from {@code position} into the start of {@code bytes}. */
    private static void read(FileChannel channel, long position, byte[] bytes, int size) {
        try {
            for (int done = 0; done < size; ) {
                int read = channel.read(ByteBuffer.wrap(bytes, done, Math.min(READ_BYTES, size - done)), position + done);
                if (read < 0) {
                    throw new DamagedChunk("the file ends within a chunk");
                }
                done += read;
            }
        } catch (IOException e) {
            throw new DamagedChunk("cannot read it: " + e.getMessage());
        }
    }

    /**
     * The complete chunks in the first {@code bytes} of {@code file}, ready to parse.
     *
     * @throws UnsupportedRecording naming what this reader does not know, for JFR's parser to read
     * @throws DamagedChunk         when a header or a metadata event breaks the format
     * @throws IOException          when the file cannot be read
     */
    static List<Chunk> plan(Path file, long bytes) throws IOException {
        List<Chunk> chunks = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ChunkEvent.Clock clock = null;
            long firstMetadataId = -1;
            long maxChunk = Runtime.getRuntime().maxMemory() / HEAP_SHARE_OF_A_CHUNK;
            byte[] metadataEvent = new byte[0]; // reused: a chunk's metadata event is tens of kilobytes, and a file may have thousands of chunks
            byte[] previousMetadata = null;
            Layouts previousLayouts = null;
            for (long position = 0; position < bytes; ) {
                ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
                channel.read(header, position);
                if (header.position() < HEADER_BYTES || header.getInt(0) != MAGIC) {
                    throw new UnsupportedRecording("no chunk header at " + position);
                }
                int major = header.getShort(4);
                int minor = header.getShort(6);
                if (major != 1 && major != 2) {
                    throw new DamagedChunk("it is in JFR format version " + major + "." + minor
                            + ", which no JDK reads (1.x and 2.x only)");
                }
                if (major != 2 || minor > 1) {
                    throw new UnsupportedRecording("format version " + major + "." + minor);
                }
                long size = header.getLong(8);
                long checkpoint = header.getLong(16);
                long metadata = header.getLong(24);
                if (size <= HEADER_BYTES || size > bytes - position || size > Integer.MAX_VALUE - 16
                        || header.get(64) != 0 || metadata < HEADER_BYTES || metadata >= size
                        || checkpoint < HEADER_BYTES || checkpoint >= size) {
                    throw new DamagedChunk("a chunk header whose offsets lie outside its chunk at " + position);
                }
                if (size > maxChunk) {
                    throw new UnsupportedRecording("a chunk of " + size + " bytes, more than this heap holds at once");
                }
                // the metadata event alone, not the rest of the chunk: JFR writes it near the chunk's start
                long metadataEnd = new ChunkBytes(read(channel, position + metadata, (int) Math.min(9, size - metadata))).readLong();
                if (metadataEnd <= 0 || metadataEnd > size - metadata) {
                    throw new DamagedChunk("no metadata event where the chunk header says");
                }
                if (metadataEvent.length < metadataEnd) {
                    metadataEvent = new byte[(int) metadataEnd];
                }
                read(channel, position + metadata, metadataEvent, (int) metadataEnd);
                ChunkBytes in = new ChunkBytes(metadataEvent, (int) metadataEnd);
                in.readLong(); // its size
                if (in.readLong() != METADATA) {
                    throw new DamagedChunk("no metadata event where the chunk header says");
                }
                in.readLong(); // start
                in.readLong(); // duration
                long metadataId = in.readLong();
                if (clock == null) {
                    firstMetadataId = metadataId;
                } else if (metadataId != firstMetadataId) {
                    // JDK 17 converts the ticks of such chunks with the clock of the chunk where that metadata
                    // started, later JDKs with the first chunk's: no one answer to give for both
                    throw new UnsupportedRecording("metadata that changes within the file");
                }
                if (clock == null) {
                    clock = new ChunkEvent.Clock(header.getLong(48), header.getLong(32), header.getLong(56) / 1_000_000_000.0);
                }
                int bodyFrom = in.position();
                Layouts layouts;
                if (previousMetadata != null
                        && Arrays.equals(metadataEvent, bodyFrom, (int) metadataEnd, previousMetadata, 0, previousMetadata.length)) {
                    layouts = previousLayouts;
                } else {
                    layouts = layouts(ChunkMetadata.read(in));
                    previousMetadata = Arrays.copyOfRange(metadataEvent, bodyFrom, (int) metadataEnd);
                    previousLayouts = layouts;
                }
                chunks.add(new Chunk(file, position, (int) size, checkpoint, layouts, clock));
                position += size;
            }
        }
        return chunks;
    }

    /** The layouts of the event types that become facts, each checked by running its converter on a probe. */
    private static Layouts layouts(ChunkMetadata metadata) {
        List<EventLayout> layouts = new ArrayList<>();
        for (String name : Converters.eventNames()) {
            ChunkMetadata.Type type = metadata.events.get(name);
            if (type != null) {
                EventLayout layout = new EventLayout(type, Converters.of(name), name.startsWith(MapwatchEvents.PREFIX));
                layout.converter.convert(ChunkEvent.probe(layout));
                Arrays.fill(layout.predicted, -1);
                if (type.id < 0 || type.id > MAX_TYPE_ID) {
                    throw new UnsupportedRecording("an event type id of " + type.id);
                }
                layouts.add(layout);
            }
        }
        EventLayout[] byId = new EventLayout[1 + (int) layouts.stream().mapToLong(l -> l.type.id).max().orElse(0)];
        layouts.forEach(layout -> byId[(int) layout.type.id] = layout);
        return new Layouts(metadata, byId);
    }
}
