package dev.confiture.runner.report;

/** The result of {@code generate}: the version chosen and the two files written. */
public record GenerateReport(String version, String name, String upFile, String downFile) {
}
