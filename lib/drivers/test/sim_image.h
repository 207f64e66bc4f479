/*
 * sim_image.h: the files the test driver writes for virDomainSave() and
 * virDomainCoreDump(), and reads back for virDomainRestore().  The
 * formats are described in sim_image.c and testnode(5).
 */

#ifndef VIR_TEST_IMAGE_H
#define VIR_TEST_IMAGE_H

#include "drivers/test/sim_driver.h"

int testImageWriteSave(virDomainPtr domain, testNodePtr node, testDomPtr dom,
                       const char *path);
testDomPtr testImageReadSave(virConnectPtr conn, testNodePtr node,
                             const char *path);
int testImageWriteCore(virDomainPtr domain, testNodePtr node, testDomPtr dom,
                       const char *path);

#endif /* VIR_TEST_IMAGE_H */
