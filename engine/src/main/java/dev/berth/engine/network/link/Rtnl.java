package dev.berth.engine.network.link;

/** The rtnetlink numbers berth uses, from {@code <linux/netlink.h>}, {@code <linux/rtnetlink.h>}, {@code <linux/if_link.h>}. */
final class Rtnl {

    // nlmsghdr types and flags
    static final int NLMSG_ERROR = 2;
    static final int NLMSG_DONE = 3;
    static final int NLM_F_REQUEST = 0x1;
    static final int NLM_F_MULTI = 0x2;
    static final int NLM_F_ACK = 0x4;
    static final int NLM_F_EXCL = 0x200;
    static final int NLM_F_CREATE = 0x400;
    static final int NLM_F_DUMP = 0x300;
    // flags on an NLMSG_ERROR: the request was not echoed whole; extended-ack attributes follow
    static final int NLM_F_CAPPED = 0x100;
    static final int NLM_F_ACK_TLVS = 0x200;
    static final int NLMSGERR_ATTR_MSG = 1;

    static final int RTM_NEWLINK = 16;
    static final int RTM_DELLINK = 17;
    static final int RTM_GETLINK = 18;
    static final int RTM_NEWADDR = 20;
    static final int RTM_GETADDR = 22;
    static final int RTM_NEWROUTE = 24;

    static final int AF_UNSPEC = 0;
    static final int AF_INET = 2;
    static final int IFF_UP = 0x1;

    // struct ifinfomsg attributes
    static final int IFLA_ADDRESS = 1;
    static final int IFLA_IFNAME = 3;
    static final int IFLA_MTU = 4;
    static final int IFLA_MASTER = 10;
    static final int IFLA_LINKINFO = 18;
    static final int IFLA_NET_NS_FD = 28;
    static final int IFLA_INFO_KIND = 1;
    static final int IFLA_INFO_DATA = 2;
    static final int VETH_INFO_PEER = 1;

    // struct ifaddrmsg attributes
    static final int IFA_ADDRESS = 1;
    static final int IFA_LOCAL = 2;
    static final int IFA_BROADCAST = 4;

    // struct rtmsg values and attributes
    static final int RT_TABLE_MAIN = 254;
    static final int RTPROT_BOOT = 3;
    static final int RT_SCOPE_UNIVERSE = 0;
    static final int RTN_UNICAST = 1;
    static final int RTA_OIF = 4;
    static final int RTA_GATEWAY = 5;

    private Rtnl() {}
}
