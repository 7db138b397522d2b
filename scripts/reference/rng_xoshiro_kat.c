/*
 * Independent reference for xoshiro128** (Blackman & Vigna), written from the published algorithm.
 * Prints a JSON fixture: for several initial states, the first 64 outputs.
 *
 *   gcc -O2 -o /tmp/rng_xoshiro_kat scripts/reference/rng_xoshiro_kat.c
 *   /tmp/rng_xoshiro_kat > packages/rng/test/fixtures/xoshiro128ss-kat.json
 */
#include <stdint.h>
#include <stdio.h>

static uint32_t rotl(uint32_t x, int k) { return (x << k) | (x >> (32 - k)); }

static uint32_t next(uint32_t s[4]) {
  const uint32_t result = rotl(s[1] * 5u, 7) * 9u;
  const uint32_t t = s[1] << 9;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl(s[3], 11);
  return result;
}

int main(void) {
  const uint32_t states[4][4] = {
      {1u, 2u, 3u, 4u},
      {0x9e3779b9u, 0x243f6a88u, 0xb7e15162u, 0x0u},
      {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu},
      {0x80000000u, 0x0u, 0x0u, 0x1u},
  };
  printf("{\n  \"generator\": \"xoshiro128**\",\n  \"source\": \"scripts/reference/rng_xoshiro_kat.c\",\n  \"cases\": [\n");
  for (int c = 0; c < 4; c++) {
    uint32_t s[4] = {states[c][0], states[c][1], states[c][2], states[c][3]};
    printf("    { \"state\": [%u, %u, %u, %u], \"outputs\": [", s[0], s[1], s[2], s[3]);
    for (int i = 0; i < 64; i++) printf("%s%u", i ? ", " : "", next(s));
    printf("], \"stateAfter\": [%u, %u, %u, %u] }%s\n", s[0], s[1], s[2], s[3], c < 3 ? "," : "");
  }
  printf("  ]\n}\n");
  return 0;
}
