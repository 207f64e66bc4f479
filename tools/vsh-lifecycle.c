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

/* A device operation: virDomainAttachDevice or virDomainDetachDevice. */
typedef int (*vshDeviceAction)(virDomainPtr dom, char *xml);

/* Shared shapes */
static int vshDomainFromFile(vshControl *ctl, const vshCmd *cmd, bool start);
static int vshDomainToFile(vshControl *ctl, const vshCmd *cmd, bool save);
static int vshDeviceDo(vshControl *ctl, const vshCmd *cmd,
                       vshDeviceAction action, const char *done);


/*
 * undefine, start, shutdown, reboot, destroy, suspend and resume DOMAIN:
 * looks up the domain of argv[0], makes the call its table entry names
 * and prints "Domain 'NAME' " and what the entry says was done.  The
 * handle is not freed after a successful virDomainDestroy: the library
 * did.
 */
int
vshCmdDomainDo(vshControl *ctl, const vshCmd *cmd)
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
    if (cmd->def->action(dom) < 0) {
        vshLibError(ctl, cmd->def->name);
        goto cleanup;
    }
    if (cmd->def->action == virDomainDestroy)
        dom = NULL;
    printf("Domain '%s' %s\n", name, cmd->def->done);
    ret = VSH_EXIT_OK;

cleanup:
    if (dom)
        virDomainFree(dom);
    free(name);
    return ret;
}

/* The action of reboot, which takes no flags. */
int
vshRebootAction(virDomainPtr dom)
{
    return virDomainReboot(dom, 0);
}

/*
 * define FILE and create FILE: makes a domain of the XML in FILE, started
 * when @start, and prints "Domain 'NAME' " and what the table entry says
 * was done.
 */
static int
vshDomainFromFile(vshControl *ctl, const vshCmd *cmd, bool start)
{
    virDomainPtr dom;
    char *xml;

    if (!(xml = vshReadFile(cmd->argv[0])))
        return VSH_EXIT_FAILED;
    if (start)
        dom = virDomainCreateLinux(ctl->conn, xml, 0);
    else
        dom = virDomainDefineXML(ctl->conn, xml);
    free(xml);
    if (!dom)
        return vshLibError(ctl, cmd->def->name);
    printf("Domain '%s' %s from %s\n", virDomainGetName(dom), cmd->def->done,
           cmd->argv[0]);
    virDomainFree(dom);
    return VSH_EXIT_OK;
}

/* define FILE */
int
vshCmdDefine(vshControl *ctl, const vshCmd *cmd)
{
    return vshDomainFromFile(ctl, cmd, false);
}

/* create FILE */
int
vshCmdCreate(vshControl *ctl, const vshCmd *cmd)
{
    return vshDomainFromFile(ctl, cmd, true);
}

/*
 * save DOMAIN FILE and dump DOMAIN FILE: writes the domain's state (and
 * stops it) when @save, else its core, to FILE.
 */
static int
vshDomainToFile(vshControl *ctl, const vshCmd *cmd, bool save)
{
    virDomainPtr dom;
    int rc, ret = VSH_EXIT_OK;

    if (!(dom = vshLookupDomain(ctl, cmd->argv[0])))
        return VSH_EXIT_FAILED;
    if (save)
        rc = virDomainSave(dom, cmd->argv[1]);
    else
        rc = virDomainCoreDump(dom, cmd->argv[1], 0);
    if (rc == 0)
        printf("Domain '%s' %s to %s\n", virDomainGetName(dom), cmd->def->done,
               cmd->argv[1]);
    else
        ret = vshLibError(ctl, cmd->def->name);
    virDomainFree(dom);
    return ret;
}

/* save DOMAIN FILE */
int
vshCmdSave(vshControl *ctl, const vshCmd *cmd)
{
    return vshDomainToFile(ctl, cmd, true);
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
    return vshDomainToFile(ctl, cmd, false);
}

/**
 * vshSetNumber:
 * @ctl: the shell
 * @cmd: a command of arguments DOMAIN NUMBER
 * @what: the name of NUMBER in the usage error
 * @max: the largest NUMBER
 * @setter: the library call that sets it
 *
 * Parses NUMBER strictly, then looks the domain up and calls @setter.
 *
 * Returns: the command's exit status.
 */
int
vshSetNumber(vshControl *ctl, const vshCmd *cmd, const char *what,
             unsigned long max, vshNumberSetter setter)
{
    virDomainPtr dom;
    unsigned long value;
    int ret;

    ret = vshParseULong(cmd, what, cmd->argv[1], max, &value);
    if (ret != 0)
        return ret;
    if (!(dom = vshLookupDomain(ctl, cmd->argv[0])))
        return VSH_EXIT_FAILED;
    if (setter(dom, value) < 0)
        ret = vshLibError(ctl, cmd->def->name);
    virDomainFree(dom);
    return ret;
}

/* setmem DOMAIN KIB */
int
vshCmdSetMem(vshControl *ctl, const vshCmd *cmd)
{
    return vshSetNumber(ctl, cmd, "KIB", ULONG_MAX, virDomainSetMemory);
}

/* setmaxmem DOMAIN KIB */
int
vshCmdSetMaxMem(vshControl *ctl, const vshCmd *cmd)
{
    return vshSetNumber(ctl, cmd, "KIB", ULONG_MAX, virDomainSetMaxMemory);
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
