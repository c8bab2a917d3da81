// The device tree of rvmk's virt board, modelled on the one QEMU 7.2 builds for its `virt`
// machine, describing exactly the devices rvmk emulates and nothing else: one RV64IMAC hart
// with Sv39 and Sstc, RAM, the CLINT, the PLIC, the NS16550A UART and the test finisher
// (with the syscon poweroff and reboot nodes that use it).

public enum VirtBoard {
    public static let isa = "rv64imac_zicsr_zifencei_zicntr_sstc"

    public static func deviceTree(memoryBase: UInt64 = 0x8000_0000, memorySize: UInt64, bootargs: String? = nil) -> [UInt8] {
        let cpuPhandle: UInt32 = 1, intcPhandle: UInt32 = 2, plicPhandle: UInt32 = 3, testPhandle: UInt32 = 4
        let root = DeviceTreeNode("")
        root.property("#address-cells", u32: 2)
        root.property("#size-cells", u32: 2)
        root.property("compatible", string: "riscv-virtio")
        root.property("model", string: "rvmk,virt")
        root.child("chosen") { chosen in
            chosen.property("stdout-path", string: "/soc/serial@10000000")
            if let bootargs { chosen.property("bootargs", string: bootargs) }
        }
        root.child("memory@\(String(memoryBase, radix: 16))") { memory in
            memory.property("device_type", string: "memory")
            memory.property("reg", pairs: [(memoryBase, memorySize)])
        }
        root.child("cpus") { cpus in
            cpus.property("#address-cells", u32: 1)
            cpus.property("#size-cells", u32: 0)
            cpus.property("timebase-frequency", u32: 10_000_000)
            cpus.child("cpu@0") { cpu in
                cpu.property("phandle", u32: cpuPhandle)
                cpu.property("device_type", string: "cpu")
                cpu.property("reg", u32: 0)
                cpu.property("status", string: "okay")
                cpu.property("compatible", string: "riscv")
                cpu.property("riscv,isa", string: isa)
                cpu.property("mmu-type", string: "riscv,sv39")
                cpu.child("interrupt-controller") { intc in
                    intc.property("#interrupt-cells", u32: 1)
                    intc.property("interrupt-controller")
                    intc.property("compatible", string: "riscv,cpu-intc")
                    intc.property("phandle", u32: intcPhandle)
                }
            }
            cpus.child("cpu-map") { map in
                map.child("cluster0") { $0.child("core0") { $0.property("cpu", u32: cpuPhandle) } }
            }
        }
        root.child("soc") { soc in
            soc.property("#address-cells", u32: 2)
            soc.property("#size-cells", u32: 2)
            soc.property("compatible", string: "simple-bus")
            soc.property("ranges")
            soc.child("serial@10000000") { uart in
                uart.property("interrupts", u32: 10)
                uart.property("interrupt-parent", u32: plicPhandle)
                uart.property("clock-frequency", u32: 0x384000)
                uart.property("reg", pairs: [(0x1000_0000, UART16550.size)])
                uart.property("compatible", string: "ns16550a")
            }
            soc.child("test@100000") { test in
                test.property("phandle", u32: testPhandle)
                test.property("reg", pairs: [(0x10_0000, TestFinisher.size)])
                test.property("compatible", strings: ["sifive,test1", "sifive,test0", "syscon"])
            }
            soc.child("plic@c000000") { plic in
                plic.property("phandle", u32: plicPhandle)
                plic.property("riscv,ndev", u32: 95)
                plic.property("reg", pairs: [(0x0c00_0000, PLIC.size)])
                plic.property("interrupts-extended", u32: intcPhandle, 11, intcPhandle, 9)
                plic.property("interrupt-controller")
                plic.property("compatible", strings: ["sifive,plic-1.0.0", "riscv,plic0"])
                plic.property("#address-cells", u32: 0)
                plic.property("#interrupt-cells", u32: 1)
            }
            soc.child("clint@2000000") { clint in
                clint.property("interrupts-extended", u32: intcPhandle, 3, intcPhandle, 7)
                clint.property("reg", pairs: [(0x0200_0000, CLINT.size)])
                clint.property("compatible", strings: ["sifive,clint0", "riscv,clint0"])
            }
        }
        root.child("poweroff") { node in
            node.property("value", u32: 0x5555)
            node.property("offset", u32: 0)
            node.property("regmap", u32: testPhandle)
            node.property("compatible", string: "syscon-poweroff")
        }
        root.child("reboot") { node in
            node.property("value", u32: 0x7777)
            node.property("offset", u32: 0)
            node.property("regmap", u32: testPhandle)
            node.property("compatible", string: "syscon-reboot")
        }
        return root.flatten()
    }
}
