/*
 * buf.h: the library's one growing output buffer, for text (XML with its
 * escaping) and bytes (save images) alike.  The first failure sticks, so
 * a writer appends without checking and looks once at the end.
 */

#ifndef VIR_BUF_H
#define VIR_BUF_H

#include <stdbool.h>
#include <stddef.h>

#include "internal.h"

typedef struct _virBuffer virBuffer;
struct _virBuffer {
    char *data; /* NUL-terminated after text; caller-frees */
    size_t len; /* bytes in @data, without the NUL */
    size_t cap;
    bool oom;        /* an allocation failed: @data is incomplete */
    const char *bad; /* an element whose text XML cannot carry */
};

void virBufferAdd(virBuffer *buf, const void *data, size_t len);
void virBufferAddStr(virBuffer *buf, const char *str);
/* For markup and numbers only: text goes through virBufferEscapeXML. */
void virBufferPrintf(virBuffer *buf, const char *fmt, ...)
    VIR_ATTRIBUTE_PRINTF(2, 3);

/* XML text and attribute values; @what names the element for @bad. */
void virBufferEscapeXML(virBuffer *buf, const char *str, bool attr,
                        const char *what);
/* "<name>text</name>" on its own line; nothing when @text is NULL. */
void virBufferXMLElem(virBuffer *buf, int indent, const char *name,
                      const char *text);
/* " name='value'"; nothing when @value is NULL. */
void virBufferXMLAttr(virBuffer *buf, const char *name, const char *value);

#endif /* VIR_BUF_H */
