/*
 * vsh-lifecycle.c: commands that change domains: define, undefine,
 * create, start, shutdown, reboot, destroy, suspend, resume, save,
 * restore, dump, setmem, setmaxmem, attach-device and detach-device.
 */

#include <config.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vsh.h"

/* An operation on a domain that takes nothing else. */
typedef int (*vshDomainAction)(virDomainPtr dom);

/* A memory setter: virDomainSetMemory or virDomainSetMaxMemory. */
typedef int (*vshMemorySetter)(virDomainPtr dom, unsigned long kib);

/* A device operation: virDomainAttachDevice or virDomainDetachDevice. */
typedef int (*vshDeviceAction)(virDomainPtr dom, char *xml);

/* Shared shapes */
static int vshDomainDo(vshControl *ctl, const vshCmd *cmd,
                       vshDomainAction action, const char *done);
static int vshRebootAction(virDomainPtr dom);
static int vshSetMemory(vshControl *ctl, const vshCmd *cmd,
                        vshMemorySetter setter);
static int vshDeviceDo(vshControl *ctl, const vshCmd *cmd,
                       vshDeviceAction action, const char *done);


/*
 * Looks up the domain of argv[0], runs @action on it and prints
 * "Domain 'NAME' @done".  The handle is not freed after a successful
 * virDomainDestroy: the library did.
 */
static int
vshDomainDo(vshControl *ctl, const vshCmd *cmd, vshDomainAction action,
            const char *done)
{
    virDomainPtr dom;
    char *name = NULL;
    int ret = VSH_EXIT_FAILED;

    if (!(dom = vshLookupDomain(ctl, cmd->argv[0])))
        return VSH_EXIT_FAILED;
    name = strdup(virDomainGetName(dom) ? virDomainGetName(dom) : "");
    if (!name) {
        vshSysError("out of memory");
        goto cleanup;
    }
    if (action(dom) < 0) {
        vshLibError(ctl, cmd->def->name);
        goto cleanup;
    }
    if (action == virDomainDestroy)
        dom = NULL;
    printf("Domain '%s' %s\n", name, done);
    ret = VSH_EXIT_OK;

cleanup:
    if (dom)
        virDomainFree(dom);
    free(name);
    return ret;
}

static int
vshRebootAction(virDomainPtr dom)
{
    return virDomainReboot(dom, 0);
}

/* undefine DOMAIN */
int
vshCmdUndefine(vshControl *ctl, const vshCmd *cmd)
{
    return vshDomainDo(ctl, cmd, virDomainUndefine, "has been undefined");
}

/* start DOMAIN */
int
vshCmdStart(vshControl *ctl, const vshCmd *cmd)
{
    return vshDomainDo(ctl, cmd, virDomainCreate, "started");
}

/* shutdown DOMAIN */
int
vshCmdShutdown(vshControl *ctl, const vshCmd *cmd)
{
    return vshDomainDo(ctl, cmd, virDomainShutdown, "is being shutdown");
}

/* reboot DOMAIN */
int
vshCmdReboot(vshControl *ctl, const vshCmd *cmd)
{
    return vshDomainDo(ctl, cmd, vshRebootAction, "is being rebooted");
}

/* destroy DOMAIN */
int
vshCmdDestroy(vshControl *ctl, const vshCmd *cmd)
{
    return vshDomainDo(ctl, cmd, virDomainDestroy, "destroyed");
}

/* suspend DOMAIN */
int
vshCmdSuspend(vshControl *ctl, const vshCmd *cmd)
{
    return vshDomainDo(ctl, cmd, virDomainSuspend, "suspended");
}

/* resume DOMAIN */
int
vshCmdResume(vshControl *ctl, const vshCmd *cmd)
{
    return vshDomainDo(ctl, cmd, virDomainResume, "resumed");
}

/* define FILE */
int
vshCmdDefine(vshControl *ctl, const vshCmd *cmd)
{
    virDomainPtr dom;
    char *xml;

    if (!(xml = vshReadFile(cmd->argv[0])))
        return VSH_EXIT_FAILED;
    dom = virDomainDefineXML(ctl->conn, xml);
    free(xml);
    if (!dom)
        return vshLibError(ctl, "define");
    printf("Domain '%s' defined from %s\n", virDomainGetName(dom),
           cmd->argv[0]);
    virDomainFree(dom);
    return VSH_EXIT_OK;
}

/* create FILE */
int
vshCmdCreate(vshControl *ctl, const vshCmd *cmd)
{
    virDomainPtr dom;
    char *xml;

    if (!(xml = vshReadFile(cmd->argv[0])))
        return VSH_EXIT_FAILED;
    dom = virDomainCreateLinux(ctl->conn, xml, 0);
    free(xml);
    if (!dom)
        return vshLibError(ctl, "create");
    printf("Domain '%s' created from %s\n", virDomainGetName(dom),
           cmd->argv[0]);
    virDomainFree(dom);
    return VSH_EXIT_OK;
}

/* save DOMAIN FILE */
int
vshCmdSave(vshControl *ctl, const vshCmd *cmd)
{
    virDomainPtr dom;
    int ret = VSH_EXIT_OK;

    if (!(dom = vshLookupDomain(ctl, cmd->argv[0])))
        return VSH_EXIT_FAILED;
    if (virDomainSave(dom, cmd->argv[1]) == 0)
        printf("Domain '%s' saved to %s\n", virDomainGetName(dom),
               cmd->argv[1]);
    else
        ret = vshLibError(ctl, "save");
    virDomainFree(dom);
    return ret;
}

/* restore FILE */
int
vshCmdRestore(vshControl *ctl, const vshCmd *cmd)
{
    if (virDomainRestore(ctl->conn, cmd->argv[0]) < 0)
        return vshLibError(ctl, "restore");
    printf("Domain restored from %s\n", cmd->argv[0]);
    return VSH_EXIT_OK;
}

/* dump DOMAIN FILE */
int
vshCmdDump(vshControl *ctl, const vshCmd *cmd)
{
    virDomainPtr dom;
    int ret = VSH_EXIT_OK;

    if (!(dom = vshLookupDomain(ctl, cmd->argv[0])))
        return VSH_EXIT_FAILED;
    if (virDomainCoreDump(dom, cmd->argv[1], 0) == 0)
        printf("Domain '%s' dumped to %s\n", virDomainGetName(dom),
               cmd->argv[1]);
    else
        ret = vshLibError(ctl, "dump");
    virDomainFree(dom);
    return ret;
}

/* Parses KIB strictly, then looks the domain up and calls @setter. */
static int
vshSetMemory(vshControl *ctl, const vshCmd *cmd, vshMemorySetter setter)
{
    virDomainPtr dom;
    unsigned long kib;
    int ret;

    ret = vshParseULong(cmd, "KIB", cmd->argv[1], ULONG_MAX, &kib);
    if (ret != 0)
        return ret;
    if (!(dom = vshLookupDomain(ctl, cmd->argv[0])))
        return VSH_EXIT_FAILED;
    ret = VSH_EXIT_OK;
    if (setter(dom, kib) < 0)
        ret = vshLibError(ctl, cmd->def->name);
    virDomainFree(dom);
    return ret;
}

/* setmem DOMAIN KIB */
int
vshCmdSetMem(vshControl *ctl, const vshCmd *cmd)
{
    return vshSetMemory(ctl, cmd, virDomainSetMemory);
}

/* setmaxmem DOMAIN KIB */
int
vshCmdSetMaxMem(vshControl *ctl, const vshCmd *cmd)
{
    return vshSetMemory(ctl, cmd, virDomainSetMaxMemory);
}

/* Reads the device XML of argv[1] and runs @action on argv[0]. */
static int
vshDeviceDo(vshControl *ctl, const vshCmd *cmd, vshDeviceAction action,
            const char *done)
{
    virDomainPtr dom;
    char *xml;
    int ret = VSH_EXIT_OK;

    if (!(xml = vshReadFile(cmd->argv[1])))
        return VSH_EXIT_FAILED;
    if (!(dom = vshLookupDomain(ctl, cmd->argv[0]))) {
        free(xml);
        return VSH_EXIT_FAILED;
    }
    if (action(dom, xml) == 0)
        printf("Device %s successfully\n", done);
    else
        ret = vshLibError(ctl, cmd->def->name);
    virDomainFree(dom);
    free(xml);
    return ret;
}

/* attach-device DOMAIN FILE */
int
vshCmdAttachDevice(vshControl *ctl, const vshCmd *cmd)
{
    return vshDeviceDo(ctl, cmd, virDomainAttachDevice, "attached");
}

/* detach-device DOMAIN FILE */
int
vshCmdDetachDevice(vshControl *ctl, const vshCmd *cmd)
{
    return vshDeviceDo(ctl, cmd, virDomainDetachDevice, "detached");
}
