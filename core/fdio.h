/* Writing a whole buffer to a file descriptor. */
#ifndef XF_FDIO_H
#define XF_FDIO_H

#include <stdbool.h>
#include <stddef.h>

/* write(2) until all of data is written, again after EINTR; false with
 * errno set on an error (a full disk: ENOSPC). */
bool xf_write_all(int fd, const void *data, size_t len);

#endif
