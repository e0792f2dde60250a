package io.netspec.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The HTML report in a real browser: headless Chromium driven by Selenium through the system's
 * chromedriver. Every page load is watched through Chrome's performance log (DevTools network
 * events): any request other than the report file itself fails the test. Screenshots for humans
 * go to {@code target/browser/}.
 *
 * <p>Without chromium and chromedriver the tests fail when {@code CI=true} and are skipped, with a
 * line on stderr, otherwise.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HtmlReportBrowserTest {

    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final List<Path> CHROMIUM =
            List.of(Path.of("/usr/lib/chromium/chromium"), Path.of("/usr/bin/chromium"));
    private static final Path SHOTS = Path.of("target/browser");
    /** Relative, as a reader would type it, so the screenshots show short paths. */
    private static final Path SHOP = Path.of("../examples/shop");

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A change to the shop: the worker may now query postgres (a new egress and a new ingress policy). */
    static final String WORKER_TO_POSTGRES = """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: worker-to-postgres, namespace: shop-backend}
            spec:
              podSelector: {matchLabels: {app: worker}}
              policyTypes: [Egress]
              egress:
              - to:
                - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: shop-data}}
                  podSelector: {matchLabels: {app: postgres}}
                ports: [{port: 5432}]
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: postgres-from-worker, namespace: shop-data}
            spec:
              podSelector: {matchLabels: {app: postgres}}
              policyTypes: [Ingress]
              ingress:
              - from:
                - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: shop-backend}}
                  podSelector: {matchLabels: {app: worker}}
                ports: [{port: 5432}]
            """;

    private ChromeDriver driver;
    private Path userData;

    @TempDir
    Path dir;

    @BeforeAll
    void startBrowser() throws IOException {
        Path chromium =
                CHROMIUM.stream().filter(Files::isExecutable).findFirst().orElse(null);
        if (chromium == null || !Files.isExecutable(CHROMEDRIVER)) {
            String why = "chromium or chromedriver is missing (apt-get install chromium chromium-driver): "
                    + "the HTML report's browser tests did not run";
            if ("true".equals(System.getenv("CI"))) {
                fail(why);
            }
            System.err.println("SKIPPED: " + why);
            assumeTrue(false, why);
        }
        userData = Files.createTempDirectory("netspec-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--user-data-dir=" + userData,
                "--window-size=1500,1000");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .withLogOutput(PrintStream.nullOutputStream())
                .build();
        driver = new ChromeDriver(service, options);
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    void stopBrowser() throws IOException {
        if (driver != null) {
            driver.quit();
        }
        delete(userData);
    }

    private static void delete(Path tree) throws IOException {
        if (tree != null && Files.exists(tree)) {
            try (Stream<Path> files = Files.walk(tree)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @BeforeEach
    void drainLog() {
        driver.manage().logs().get(LogType.PERFORMANCE);
    }

    @AfterEach
    void noRequestButTheFileItself() {
        assertThat(requestsOtherThanFiles())
                .as("network requests the page made")
                .isEmpty();
    }

    @Test
    void theShopsGraphShowsEveryWorkloadAndConnectionAndExplainsAnEdgeWithItsRule() throws IOException {
        Path html = dir.resolve("shop.html");
        assertThat(Main.run("report", SHOP.toString(), "-o", html.toString())).isZero();
        open(html);
        for (String id : List.of(
                "shop-frontend/web[Deployment]",
                "shop-backend/api[Deployment]",
                "shop-backend/worker[Deployment]",
                "shop-backend/redis[Deployment]",
                "shop-data/postgres[StatefulSet]",
                "kube-system/coredns[Deployment]",
                "ingress-nginx/ingress-nginx-controller[Deployment]",
                "0.0.0.0-255.255.255.255[External]")) {
            assertThat(driver.findElements(By.cssSelector(".node[data-id='" + id + "']")))
                    .as(id)
                    .hasSize(1);
        }
        assertThat(driver.findElements(By.cssSelector("#graph .edge"))).hasSize(21);
        assertThat(driver.findElement(By.id("conns-title")).getText()).isEqualTo("Connections (21)");
        assertThat(driver.findElement(By.id("findings")).getText()).contains("unknown-dependency", "backend.yaml:100");

        label("shop-backend/api[Deployment]", "shop-data/postgres[StatefulSet]").click();
        String why = driver.findElement(By.id("details")).getText();
        assertThat(why)
                .contains(
                        "shop-backend/api[Deployment] \u21d2 shop-data/postgres[StatefulSet]: allowed: TCP 5432",
                        "ingress allowed by: shop-data/postgres ingress rule 1 " + path("shop/policies/data.yaml")
                                + ":16",
                        "egress allowed by: shop-backend/api egress rule 1 " + path("shop/policies/backend.yaml")
                                + ":27");
        screenshot("report-shop.png");
    }

    @Test
    void theNamespaceFilterDrawsOnlyThatNamespacesConnections() throws IOException {
        Path html = dir.resolve("shop.html");
        assertThat(Main.run("report", SHOP.toString(), "-o", html.toString())).isZero();
        open(html);
        driver.findElement(By.xpath("//select[@id='f-namespace']/option[text()='shop-data']"))
                .click();
        List<WebElement> edges = driver.findElements(By.cssSelector("#graph .edge"));
        assertThat(edges).hasSize(2); // api -> postgres, postgres -> coredns
        for (WebElement e : edges) {
            assertThat(e.getAttribute("data-from") + " " + e.getAttribute("data-to"))
                    .contains("shop-data/");
        }
        assertThat(driver.findElement(By.id("view-title")).getText()).isEqualTo("Namespace shop-data");
        assertThat(driver.findElement(By.id("details")).getText()).contains("postgres[StatefulSet]");

        // keyboard: the port filter, then an edge opened with Enter
        driver.findElement(By.id("f-port")).sendKeys("53/UDP");
        List<WebElement> dns = driver.findElements(By.cssSelector("#graph .edge"));
        assertThat(dns).hasSize(1);
        dns.get(0).sendKeys(Keys.ENTER);
        assertThat(driver.findElement(By.id("details")).getText())
                .contains("shop-data/postgres[StatefulSet] \u21d2 kube-system/coredns[Deployment]");
        screenshot("report-shop-namespace.png");
    }

    @Test
    void theDiffReportMarksTheAddedConnection() throws IOException {
        Path before = SHOP;
        Path after = SHOTS.resolve("shop-after");
        delete(after);
        copy(before, after);
        Files.writeString(after.resolve("policies/worker-to-postgres.yaml"), WORKER_TO_POSTGRES);
        Path html = dir.resolve("diff.html");
        assertThat(Main.run("diff", before.toString(), after.toString(), "--format", "html", "-o", html.toString()))
                .isZero();
        open(html);
        WebElement added = edge("shop-backend/worker[Deployment]", "shop-data/postgres[StatefulSet]");
        assertThat(added.getAttribute("data-change")).isEqualTo("added");
        assertThat(label("shop-backend/worker[Deployment]", "shop-data/postgres[StatefulSet]")
                        .getText())
                .isEqualTo("+ TCP 5432");
        assertThat(edge("shop-backend/api[Deployment]", "shop-data/postgres[StatefulSet]")
                        .getAttribute("data-change"))
                .isEqualTo("same");
        assertThat(driver.findElement(By.id("summary")).getText()).contains("1 connection added, 0 removed");
        label("shop-backend/worker[Deployment]", "shop-data/postgres[StatefulSet]")
                .click();
        assertThat(driver.findElement(By.id("details")).getText())
                .contains(
                        "added",
                        "ingress allowed by: shop-data/postgres-from-worker ingress rule 1 "
                                + after.resolve("policies/worker-to-postgres.yaml") + ":20");
        screenshot("report-diff.png");
    }

    @Test
    void hostileNamesAndMessagesStayText() throws IOException {
        String hostile = "</script><img src=x onerror=\"document.title='pwned'\"><!-- <b>bold</b>";
        Path html = dir.resolve("hostile.html");
        HtmlReportTest.writeHostile(html, hostile);
        open(html);
        assertThat(driver.getTitle()).as("no handler rewrote the title").isEqualTo(hostile);
        assertThat(driver.findElements(By.tagName("img"))).isEmpty();
        assertThat(driver.findElements(By.cssSelector("#findings b"))).isEmpty();
        assertThat(driver.findElement(By.id("findings")).getText()).contains(hostile);
    }

    @Test
    void theRequestWatchCatchesARequest() throws IOException {
        // proves the @AfterEach check is not vacuous: a page that loads an image is seen doing so
        Path html = dir.resolve("fetches.html");
        Files.writeString(html, "<!DOCTYPE html><title>x</title><img src=\"http://127.0.0.1:9/x.png\">");
        driver.get(html.toUri().toString());
        assertThat(requestsOtherThanFiles()).anyMatch(url -> url.startsWith("http://127.0.0.1:9/"));
    }

    // ---------------------------------------------------------------- helpers

    private void open(Path html) {
        driver.get(html.toUri().toString());
        Object ready = ((JavascriptExecutor) driver).executeScript("return document.body.getAttribute('data-ready')");
        assertThat(ready).as("the page's script ran to the end").isNotNull();
    }

    private WebElement edge(String from, String to) {
        List<WebElement> found =
                driver.findElements(By.cssSelector("#graph .edge[data-from='" + from + "'][data-to='" + to + "']"));
        assertThat(found).as(from + " -> " + to).hasSize(1);
        return found.get(0);
    }

    /** The label of an edge, drawn above every line and box, where a reader clicks. */
    private WebElement label(String from, String to) {
        return driver.findElement(By.cssSelector("#graph .edge-label[data-from='" + from + "'][data-to='" + to + "']"));
    }

    /** A manifest path as the report prints it: as passed on the command line. */
    private static String path(String underExamples) {
        return Path.of("../examples").resolve(underExamples).toString();
    }

    private void screenshot(String name) throws IOException {
        ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0)");
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Since the last call: any HTTP(S)/WebSocket request, and any non-file request of a page loaded from a file. */
    private List<String> requestsOtherThanFiles() {
        List<String> out = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
            try {
                JsonNode message = JSON.readTree(entry.getMessage()).path("message");
                if (message.path("method").asText().equals("Network.requestWillBeSent")) {
                    // requests of the pages under test (their document is a file); Chromium's own
                    // chrome:// pages load their resources through the same log
                    String document = message.path("params").path("documentURL").asText();
                    String url =
                            message.path("params").path("request").path("url").asText();
                    boolean network = url.startsWith("http:") || url.startsWith("https:") || url.startsWith("ws");
                    if (document.startsWith("file:") && !url.startsWith("file:") || network) {
                        out.add(url);
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException("unreadable performance log entry " + entry.getMessage(), e);
            }
        }
        return out;
    }

    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }
}
