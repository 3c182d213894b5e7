package io.mapwatch.cli.read;

import io.mapwatch.events.MapwatchEvents;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
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

    /** Where the facts of a chunk go, in the order of the chunk, with the ends of its flush segments. */
    interface Sink {
        void fact(Fact fact, boolean mapwatch);

        void segmentEnd();
    }

    /** One chunk, ready to parse. */
    record Chunk(ByteBuffer bytes, long firstCheckpoint, Layouts layouts, ChunkEvent.Clock clock) {
        /** Parses the chunk into {@code sink}; throws {@link DamagedChunk} where its bytes break the format. */
        void parse(Sink sink) {
            ChunkBytes in = new ChunkBytes(bytes.duplicate());
            ChunkBytes poolBytes = new ChunkBytes(bytes.duplicate());
            ChunkPools pools = new ChunkPools(poolBytes, layouts.metadata(), firstCheckpoint);
            ChunkEvent event = new ChunkEvent(clock, pools);
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

    /** The layouts of one metadata, by event type id. */
    record Layouts(ChunkMetadata metadata, LongIndex slots, EventLayout[] layouts) {
        EventLayout of(long typeId) {
            int slot = slots.get(typeId);
            return slot < 0 ? null : layouts[slot];
        }
    }

    private JfrChunks() {
    }

    /**
     * The complete chunks in the first {@code bytes} of {@code file}, ready to parse, or an
     * {@link UnsupportedRecording} naming what this reader does not know.
     *
     * @throws IOException when the file cannot be read
     */
    static List<Chunk> plan(Path file, long bytes) throws IOException {
        List<Chunk> chunks = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ChunkEvent.Clock clock = null;
            long firstMetadataId = -1;
            ByteBuffer previousMetadata = null;
            Layouts previousLayouts = null;
            for (long position = 0; position < bytes; ) {
                ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
                channel.read(header, position);
                if (header.position() < HEADER_BYTES || header.getInt(0) != MAGIC) {
                    throw new UnsupportedRecording("no chunk header at " + position);
                }
                int major = header.getShort(4);
                int minor = header.getShort(6);
                if (major != 2 || minor > 1) {
                    throw new UnsupportedRecording("format version " + major + "." + minor);
                }
                long size = header.getLong(8);
                long checkpoint = header.getLong(16);
                long metadata = header.getLong(24);
                if (size <= HEADER_BYTES || size > bytes - position || size > Integer.MAX_VALUE - 16
                        || header.get(64) != 0 || metadata < HEADER_BYTES || metadata >= size
                        || checkpoint < HEADER_BYTES || checkpoint >= size) {
                    throw new UnsupportedRecording("a chunk header this reader does not expect at " + position);
                }
                MappedByteBuffer chunk = channel.map(FileChannel.MapMode.READ_ONLY, position, size);
                ChunkBytes in = new ChunkBytes(chunk);
                in.position(metadata);
                long metadataEnd = metadata + in.readLong();
                if (in.readLong() != METADATA || metadataEnd > size) {
                    throw new UnsupportedRecording("no metadata event where the chunk header says");
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
                ByteBuffer body = chunk.slice(in.position(), (int) (metadataEnd - in.position()));
                Layouts layouts;
                if (body.equals(previousMetadata)) {
                    layouts = previousLayouts;
                } else {
                    layouts = layouts(ChunkMetadata.read(in));
                    previousMetadata = body;
                    previousLayouts = layouts;
                }
                chunks.add(new Chunk(chunk, checkpoint, layouts, clock));
                position += size;
            }
        } catch (DamagedChunk damaged) {
            throw new UnsupportedRecording(damaged.getMessage());
        }
        return chunks;
    }

    /** The layouts of the event types that become facts, each checked by running its converter on a probe. */
    private static Layouts layouts(ChunkMetadata metadata) {
        LongIndex slots = new LongIndex();
        List<EventLayout> layouts = new ArrayList<>();
        for (String name : Converters.eventNames()) {
            ChunkMetadata.Type type = metadata.events.get(name);
            if (type != null) {
                EventLayout layout = new EventLayout(type, Converters.of(name), name.startsWith(MapwatchEvents.PREFIX));
                layout.converter.convert(ChunkEvent.probe(layout));
                java.util.Arrays.fill(layout.predicted, -1);
                slots.put(type.id, layouts.size());
                layouts.add(layout);
            }
        }
        return new Layouts(metadata, slots, layouts.toArray(new EventLayout[0]));
    }
}
