package dev.berth.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected spellings are what Go's strconv / encoding/json print for the same doubles. */
class GoFloatsTest {

    @ParameterizedTest(name = "yaml {0} -> {1}")
    @CsvSource({"0.5, 0.5", "0.0001, 0.0001", "0.00001, 1e-05", "2.0, 2", "123456.0, 123456", "1000000.0, 1e+06",
            "123456789.0, 1.23456789e+08", "-1.5, -1.5", "0.0, 0", "-0.0, -0", "1.0e21, 1e+21", "0.3, 0.3"})
    void yamlUsesGoG(double value, String expected) {
        assertEquals(expected, GoFloats.yaml(value));
    }

    @ParameterizedTest(name = "json {0} -> {1}")
    @CsvSource({"0.5, 0.5", "0.0001, 0.0001", "0.000001, 0.000001", "0.0000001, 1e-7", "1.5e-10, 1.5e-10",
            "2.0, 2", "1000000.0, 1000000", "1.0e20, 100000000000000000000", "1.0e21, 1e+21", "-0.25, -0.25"})
    void jsonUsesGoEncodingJson(double value, String expected) {
        assertEquals(expected, GoFloats.json(value));
    }
}
