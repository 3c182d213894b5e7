import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads the JUnit XML reports of a build (every module's target/surefire-reports and
 * target/failsafe-reports under ROOT) and prints how many tests ran, then one line per skipped test:
 * {@code CLASS.TEST<TAB>REASON}, the reason on one line (an assumption's message, or the reason a disabled test gives).
 *
 * <pre>java .ci/SkippedTests.java ROOT</pre>
 */
public class SkippedTests {
    private static final List<String> NOISE = List.of("org.opentest4j.TestAbortedException: ", "Assumption failed: ");

    public static void main(String[] args) throws Exception {
        List<Path> reports;
        try (Stream<Path> files = Files.walk(Path.of(args[0]), 4)) {
            reports = files.filter(f -> f.getFileName().toString().matches("TEST-.*\\.xml")
                            && f.getParent().getFileName().toString().matches("(surefire|failsafe)-reports"))
                    .sorted().collect(Collectors.toList());
        }
        long tests = 0;
        StringBuilder skipped = new StringBuilder();
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        for (Path report : reports) {
            Document document = factory.newDocumentBuilder().parse(report.toFile());
            NodeList cases = document.getElementsByTagName("testcase");
            tests += cases.getLength();
            for (int i = 0; i < cases.getLength(); i++) {
                Element test = (Element) cases.item(i);
                NodeList skips = test.getElementsByTagName("skipped");
                if (skips.getLength() > 0) {
                    skipped.append(test.getAttribute("classname")).append('.').append(test.getAttribute("name"))
                            .append('\t').append(reason((Element) skips.item(0))).append('\n');
                }
            }
        }
        System.out.print("tests\t" + tests + "\n" + skipped);
    }

    private static String reason(Element skipped) {
        String text = skipped.getAttribute("message").isBlank() ? skipped.getTextContent() : skipped.getAttribute("message");
        String reason = text.strip().lines().findFirst().orElse("(no reason given)");
        for (String noise : NOISE) {
            if (reason.startsWith(noise)) {
                reason = reason.substring(noise.length());
            }
        }
        return reason.replace('\t', ' ');
    }
}
