/*
 * fuzz_common.h: helpers shared by the libFuzzer targets of
 * tests/robustness/fuzz: a quiet error handler and a scratch file for
 * the parsers that read a path.
 */

#ifndef VIR_FUZZ_COMMON_H
#define VIR_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

void fuzzQuiet(void);
char *fuzzString(const uint8_t *data, size_t size);
const char *fuzzWriteFile(const uint8_t *data, size_t size);

#endif /* VIR_FUZZ_COMMON_H */
