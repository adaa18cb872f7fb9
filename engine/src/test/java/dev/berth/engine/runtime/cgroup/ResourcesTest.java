package dev.berth.engine.runtime.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ResourcesTest {

    @Test
    void cpusBecomeAQuotaPerDockersPeriod() {
        assertEquals(50_000, Resources.NONE.withCpus(0.5).cpuQuotaMicros());
        assertEquals(150_000, Resources.NONE.withCpus(1.5).cpuQuotaMicros());
        assertEquals(1_000, Resources.NONE.withCpus(0.01).cpuQuotaMicros());
        assertEquals(100_000, Resources.CPU_PERIOD_US);
    }

    /** runc's ConvertCPUSharesToCgroupV2Value fixed points; the curve between them only rises. */
    @Test
    void sharesBecomeV2WeightsLikeRunc() {
        assertEquals(1, Resources.cpuWeight(0));
        assertEquals(1, Resources.cpuWeight(2));
        assertEquals(100, Resources.cpuWeight(1024));
        assertEquals(10_000, Resources.cpuWeight(262_144));
        assertEquals(10_000, Resources.cpuWeight(1_000_000));
        long previous = 0;
        for (long shares = 2; shares <= 262_144; shares += 97) {
            long w = Resources.cpuWeight(shares);
            assertTrue(w >= previous && w >= 1 && w <= 10_000, shares + " -> " + w);
            previous = w;
        }
        // values between: 512 is half the default, a bit under half the weight is not a rule; pin runc's numbers
        assertEquals(Resources.cpuWeight(512), (long) Math.ceil(Math.pow(10, (81 + 125 * 9) / 612.0 - 7.0 / 34.0)));
    }

    @Test
    void pidsLimitZeroOrMinusOneIsUnlimited() {
        assertEquals("max", Resources.NONE.withPidsLimit(0).pidsMax());
        assertEquals("max", Resources.NONE.withPidsLimit(-1).pidsMax());
        assertEquals("20", Resources.NONE.withPidsLimit(20).pidsMax());
    }

    @Test
    void v2SwapIsMemoryPlusSwapMinusMemory() {
        assertEquals("33554432", Resources.NONE.withMemory(32 << 20).withMemorySwap(64 << 20).swapMaxV2());
        assertEquals("max", Resources.NONE.withMemory(32 << 20).withMemorySwap(-1).swapMaxV2());
        assertEquals("0", Resources.NONE.withMemory(32 << 20).withMemorySwap(32 << 20).swapMaxV2());
    }

    @Test
    void dockerSwapDefaultIsTwiceTheMemory() {
        assertEquals(64L << 20, Resources.NONE.withMemory(32 << 20).withDockerSwapDefault().memorySwap());
        assertEquals(-1L, Resources.NONE.withMemory(32 << 20).withMemorySwap(-1).withDockerSwapDefault().memorySwap());
        assertNull(Resources.NONE.withDockerSwapDefault().memorySwap());
        assertNull(Resources.NONE.withMemory(32 << 20).withMemorySwap(-1).withoutSwapLimit().memorySwap());
    }

    @Test
    void inconsistentLimitsAreRefusedWithTheReason() {
        var noMemory = assertThrows(IllegalArgumentException.class, () -> Resources.NONE.withMemorySwap(64 << 20));
        assertTrue(noMemory.getMessage().contains("needs a memory limit"), noMemory.getMessage());
        var smaller = assertThrows(IllegalArgumentException.class,
                () -> Resources.NONE.withMemory(64 << 20).withMemorySwap(32 << 20));
        assertTrue(smaller.getMessage().contains("smaller than the memory limit"), smaller.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Resources.NONE.withCpus(0));
        assertThrows(IllegalArgumentException.class, () -> Resources.NONE.withMemory(0));
    }
}
