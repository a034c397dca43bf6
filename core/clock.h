/* Monotonic milliseconds, for deadlines. */
#ifndef XF_CLOCK_H
#define XF_CLOCK_H

#include <stdint.h>

int64_t xf_now_ms(void);

#endif
