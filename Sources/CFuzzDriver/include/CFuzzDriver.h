#ifndef OPAPM_FUZZ_DRIVER_H
#define OPAPM_FUZZ_DRIVER_H
#include <stddef.h>
#include <stdint.h>

typedef int (*opapm_fuzz_callback)(const uint8_t *data, size_t size);

/// Non-zero when the binary was linked with libFuzzer (built with -sanitize=fuzzer).
int opapm_fuzzer_linked(void);

/// Hands control to libFuzzer's driver, which parses its own flags from argv.
int opapm_run_fuzzer(int *argc, char ***argv, opapm_fuzz_callback callback);

#endif
