#include "CFuzzDriver.h"

// Weak, so that an ordinary build links without libFuzzer; scripts/fuzz forces libFuzzer's
// definition in with the linker's -u flag.
extern int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *, size_t))
    __attribute__((weak));

int opapm_fuzzer_linked(void) { return LLVMFuzzerRunDriver != 0; }

int opapm_run_fuzzer(int *argc, char ***argv, opapm_fuzz_callback callback) {
    if (!LLVMFuzzerRunDriver) return -1;
    return LLVMFuzzerRunDriver(argc, argv, callback);
}
