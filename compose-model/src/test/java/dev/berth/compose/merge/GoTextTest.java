package dev.berth.compose.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoTextTest {

    @ParameterizedTest
    @CsvSource({
        "1.0, 1",
        "0.5, 0.5",
        "100000.0, 100000",
        "1000000.0, 1e+06",
        "123456789.0, 1.23456789e+08",
        "0.0001, 0.0001",
        "0.00001, 1e-05",
        "-2.5, -2.5",
        "1e21, 1e+21"})
    void doublesAreWrittenLikeGoPercentV(double value, String expected) {
        assertEquals(expected, GoText.of(value));
    }
}
