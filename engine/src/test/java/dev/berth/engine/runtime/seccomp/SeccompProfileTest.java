package dev.berth.engine.runtime.seccomp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.runtime.seccomp.SeccompProfile.ArgCondition;
import dev.berth.engine.runtime.seccomp.SeccompProfile.Op;
import dev.berth.engine.runtime.seccomp.SeccompProfile.Rule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SeccompProfileTest {

    private static final Path REFERENCE = Path.of("/work/shared/runtime/seccomp-default.json");

    @Test
    void readsDockersDefaultProfile() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(REFERENCE), "skipped: " + REFERENCE + " is absent");
        SeccompProfile profile = SeccompProfile.read(REFERENCE);
        assertEquals(SeccompAction.errno(1), profile.defaultAction());
        assertEquals(List.of("SCMP_ARCH_X86", "SCMP_ARCH_X32"), profile.archMap().stream()
                .filter(m -> m.architecture().equals("SCMP_ARCH_X86_64")).findFirst().orElseThrow().subArchitectures());
        assertEquals(Set.of(Arch.X86_64, Arch.I386, Arch.X32), SeccompCompiler.arches(profile));
        Rule clone = profile.syscalls().stream()
                .filter(r -> r.names().equals(List.of("clone")) && r.includes().arches().isEmpty()).findFirst().orElseThrow();
        assertEquals(List.of(new ArgCondition(0, 0x7E02_0000L, 0, Op.MASKED_EQ)), clone.args());
        assertEquals(List.of("CAP_SYS_ADMIN"), clone.excludes().caps());
        Rule clone3 = profile.syscalls().stream()
                .filter(r -> r.names().equals(List.of("clone3")) && !r.excludes().caps().isEmpty()).findFirst().orElseThrow();
        assertEquals(SeccompAction.errno(38), clone3.action());
        assertTrue(profile.syscalls().getFirst().names().size() > 300);
    }

    @Test
    void readsTheFullFormat() throws Exception {
        SeccompProfile profile = SeccompProfile.parse("""
                {"defaultAction": "SCMP_ACT_KILL_PROCESS",
                 "architectures": ["SCMP_ARCH_X86_64", "SCMP_ARCH_AARCH64"],
                 "syscalls": [
                   {"names": ["read"], "action": "SCMP_ACT_ALLOW"},
                   {"name": "write", "action": "SCMP_ACT_ERRNO"},
                   {"names": ["ptrace"], "action": "SCMP_ACT_TRACE", "errnoRet": 42,
                    "includes": {"caps": ["sys_ptrace"], "minKernel": "4.8"}, "excludes": {"arches": ["s390x"]}},
                   {"names": ["mmap"], "action": "SCMP_ACT_LOG",
                    "args": [{"index": 2, "value": 18446744073709551615, "valueTwo": 1, "op": "SCMP_CMP_MASKED_EQ"},
                             {"index": 5, "value": 3, "op": "SCMP_CMP_LE"}]}
                 ]}""");
        assertEquals(SeccompAction.KILL_PROCESS, profile.defaultAction());
        assertEquals(List.of("SCMP_ARCH_X86_64", "SCMP_ARCH_AARCH64"), profile.architectures());
        assertEquals(SeccompAction.errno(SeccompAction.EPERM), profile.syscalls().get(1).action(),
                "ERRNO without errnoRet is EPERM, as in runc");
        assertEquals(List.of("write"), profile.syscalls().get(1).names());
        Rule ptrace = profile.syscalls().get(2);
        assertEquals(new SeccompAction(SeccompAction.Kind.TRACE, 42), ptrace.action());
        assertEquals(List.of("CAP_SYS_PTRACE"), ptrace.includes().caps());
        assertEquals("4.8", ptrace.includes().minKernel());
        assertEquals(List.of("s390x"), ptrace.excludes().arches());
        assertEquals(List.of(new ArgCondition(2, -1L, 1, Op.MASKED_EQ), new ArgCondition(5, 3, 0, Op.LE)),
                profile.syscalls().get(3).args());
    }

    @Test
    void defaultErrnoRetAppliesToTheDefaultAction() throws Exception {
        SeccompProfile profile = SeccompProfile.parse("""
                {"defaultAction": "SCMP_ACT_ERRNO", "defaultErrnoRet": 38, "syscalls": []}""");
        assertEquals(SeccompAction.errno(38), profile.defaultAction());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{}|\"defaultAction\" is missing",
            "[1]|a JSON object",
            "{\"defaultAction\": \"SCMP_ACT_MAYBE\"}|unknown action \"SCMP_ACT_MAYBE\"",
            "{\"defaultAction\": \"SCMP_ACT_NOTIFY\"}|SCMP_ACT_NOTIFY needs a seccomp agent",
            "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"defaultErrnoRet\": 70000}|out of range",
            "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"architectures\": [\"SCMP_ARCH_X86\"], \"archMap\": [{\"architecture\": \"SCMP_ARCH_X86_64\"}]}|both set",
            "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"action\": \"SCMP_ACT_ALLOW\"}]}|syscalls[0]: \"names\" is empty",
            "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [\"read\"]}]}|syscalls[0]: \"action\" is missing",
            "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", \"args\": [{\"index\": 6, \"value\": 1, \"op\": \"SCMP_CMP_EQ\"}]}]}|syscalls[0].args[0]: \"index\" must be 0..5",
            "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", \"args\": [{\"index\": 0, \"value\": 1, \"op\": \"SCMP_CMP_SOMETIMES\"}]}]}|unknown op \"SCMP_CMP_SOMETIMES\"",
            "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", \"args\": [{\"index\": 0, \"value\": -1, \"op\": \"SCMP_CMP_EQ\"}]}]}|syscalls[0].args[0].value: -1 is not an unsigned 64-bit number",
            "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", \"includes\": {\"minKernel\": \"four\"}}]}|syscalls[0].includes.minKernel",
            "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": \"read\", \"action\": \"SCMP_ACT_ALLOW\"}]}|\"names\" must be a list",
            "{\"defaultAction\": |not valid JSON",
    })
    void refusesBrokenProfilesNamingTheField(String json, String expected) {
        SeccompProfileException e = assertThrows(SeccompProfileException.class, () -> SeccompProfile.parse(json));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("nope.json");
        SeccompProfileException e = assertThrows(SeccompProfileException.class, () -> SeccompProfile.read(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void kernelVersions() {
        assertEquals(new KernelVersion(6, 18), KernelVersion.parse("6.18.44-fc-v769"));
        assertTrue(new KernelVersion(4, 10).atLeast(KernelVersion.parse("4.8")));
        assertTrue(!new KernelVersion(4, 4).atLeast(KernelVersion.parse("4.8")));
        assertThrows(IllegalArgumentException.class, () -> KernelVersion.parse("linux"));
    }
}
