package uk.nhs.gp2gp.it;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by Selenium, pointed at the deployed console. Selenium Manager
 * cannot download a driver here, so the system's chromedriver is used; .ci/install-chromium.sh
 * installs both when they are missing.
 */
final class ConsoleBrowser implements AutoCloseable {

    static final String CHROMIUM = System.getProperty("chromium.binary", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getProperty("chromedriver.binary", "/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final WebDriver driver;
    private final String base;
    private final Path profile;
    private final Path downloads;

    ConsoleBrowser(URL app, int width, int height) throws IOException {
        if (!new File(CHROMIUM).canExecute() || !new File(CHROMEDRIVER).canExecute()) {
            throw new IllegalStateException("The console tests need Chromium and ChromeDriver (" + CHROMIUM + ", "
                    + CHROMEDRIVER + "): run .ci/install-chromium.sh as root");
        }
        this.base = app.toString().replaceAll("/$", "");
        this.profile = Files.createTempDirectory("gp2gp-chromium");
        this.downloads = Files.createDirectories(profile.resolve("downloads"));
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM);
        options.setExperimentalOption("prefs", java.util.Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        options.addArguments("--headless=new",
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                "--user-data-dir=" + profile, "--window-size=" + width + "," + height);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(width, height));
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    WebDriver driver() {
        return driver;
    }

    void open(String path) {
        driver.get(base + path);
    }

    String path() {
        return driver.getCurrentUrl().replace(base, "");
    }

    void signIn(String user, String password) {
        driver.manage().deleteAllCookies();
        open("/console/login.xhtml");
        type(By.id("login:username"), user);
        type(By.id("login:password"), password);
        driver.findElement(By.id("login:signIn")).click();
        waitFor(ExpectedConditions.or(ExpectedConditions.presenceOfElementLocated(By.id("session:signOut")),
                ExpectedConditions.presenceOfElementLocated(By.cssSelector("#login\\:messages .ui-messages-error"))));
    }

    void type(By field, String text) {
        WebElement input = waitFor(ExpectedConditions.elementToBeClickable(field));
        input.clear();
        input.sendKeys(text);
    }

    void click(By target) {
        waitFor(ExpectedConditions.elementToBeClickable(target)).click();
    }

    /** The visible text of an element, read again if a page load or an AJAX update replaced it meanwhile. */
    String text(By target) {
        return waitFor(page -> {
            WebElement element = page.findElement(target);
            return element.isDisplayed() ? element.getText() : null;
        });
    }

    <T> T waitFor(java.util.function.Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(20))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .ignoring(org.openqa.selenium.NoSuchElementException.class).until(condition);
    }

    /** Clicks a download button and answers the file it saved, once Chromium has finished writing it. */
    String download(By button, String nameEnding) throws IOException {
        click(button);
        Path file = waitFor(page -> {
            try (var files = Files.list(downloads)) {
                return files.filter(f -> f.getFileName().toString().endsWith(nameEnding)).findFirst().orElse(null);
            } catch (IOException e) {
                return null;
            }
        });
        String content = Files.readString(file);
        Files.delete(file);
        return content;
    }

    /** Puts text into a field at once (typing a whole message key by key would take minutes). */
    void paste(By field, String text) {
        WebElement input = waitFor(ExpectedConditions.elementToBeClickable(field));
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1];",
                input, text);
    }

    /** Saves the page as target/screenshots/{name}.png, for a person to look at. */
    void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        File shot = ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
