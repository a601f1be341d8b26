package cqrs.infra.mongo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import de.bwaldvogel.mongo.bson.Document;

/** This process's memory as MongoDB's {@code serverStatus().mem} reports it (MiB), from /proc. */
final class ProcessMemory {

    private ProcessMemory() {
    }

    static Document mem() {
        Document mem = new Document("bits", 64);
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    mem.put("resident", kibToMib(line));
                } else if (line.startsWith("VmSize:")) {
                    mem.put("virtual", kibToMib(line));
                }
            }
        } catch (IOException | RuntimeException e) {
            mem.put("supported", false); // not Linux: MongoDB answers the same way
        }
        return mem;
    }

    private static long kibToMib(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
    }
}
