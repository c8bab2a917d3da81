#!/usr/bin/env python3
"""Writes a random RV64IMAC program (instructions, pseudo-instructions, branches over
random distances, space and alignment, .option rvc/norvc) for differential testing
against GNU as. Usage: random-program.py SEED > out.S. The random-N.S files of the
corpus come from it; run it with other seeds and tools/.. diff to hunt for differences."""
import random, sys
seed = int(sys.argv[1]); random.seed(seed)
R = ['zero','ra','sp','gp','tp','t0','t1','t2','s0','s1','a0','a1','a2','a3','a4','a5','a6','a7','s2','s3','s4','s5','s6','s7','s8','s9','s10','s11','t3','t4','t5','t6']
C = ['s0','s1','a0','a1','a2','a3','a4','a5']
def r(): return random.choice(C) if random.random()<0.5 else random.choice(R)
def imm(bits, signed=True):
    if random.random()<0.3: v = random.choice([0,1,-1,2,4,8,16,31,-32,32,63,-64,2047,-2048,15,-16])
    else: v = random.randint(-(1<<(bits-1)), (1<<(bits-1))-1) if signed else random.randint(0,(1<<bits)-1)
    if not signed: v = abs(v) % (1<<bits)
    else: v = max(-(1<<(bits-1)), min((1<<(bits-1))-1, v))
    return v
lines=[".text",".globl _start","_start:"]
labels=[]
nl=0
def label():
    global nl
    nl+=1; return f"L{nl}"
ops3=['add','sub','sll','slt','sltu','xor','srl','sra','or','and','addw','subw','sllw','srlw','sraw','mul','mulh','mulhsu','mulhu','div','divu','rem','remu','mulw','divw','divuw','remw','remuw']
opsi=['addi','slti','sltiu','xori','ori','andi','addiw']
for i in range(random.randint(50,400)):
    k=random.random()
    if k<0.25: lines.append(f"{random.choice(ops3)} {r()}, {r()}, {r()}")
    elif k<0.4: lines.append(f"{random.choice(opsi)} {r()}, {r()}, {imm(12)}")
    elif k<0.45: lines.append(f"{random.choice(['slli','srli','srai'])} {r()}, {r()}, {random.randint(0,63)}")
    elif k<0.48: lines.append(f"{random.choice(['slliw','srliw','sraiw'])} {r()}, {r()}, {random.randint(0,31)}")
    elif k<0.55:
        w=random.choice(['b','h','w','d','bu','hu','wu']); base=random.choice(['sp']+C+R)
        off = random.choice([0,4,8,12,16,24,32,64,120,128,248,252,256,504,512,-4,-8,2047,-2048,random.randint(-2048,2047)])
        lines.append(f"l{w} {r()}, {off}({base})")
    elif k<0.6:
        w=random.choice(['b','h','w','d']); base=random.choice(['sp']+C+R)
        off = random.choice([0,4,8,12,16,24,32,64,120,128,248,252,256,504,512,-4,-8,random.randint(-2048,2047)])
        lines.append(f"s{w} {r()}, {off}({base})")
    elif k<0.66: lines.append(f"li {r()}, {random.choice([imm(6),imm(12),imm(20),random.getrandbits(32)-(1<<31),random.getrandbits(64)-(1<<63),random.getrandbits(random.randint(1,63))])}")
    elif k<0.70: lines.append(f"lui {r()}, {hex(random.choice([random.randint(0,0xfffff),random.randint(1,31),random.randint(0xfffe0,0xfffff)]))}")
    elif k<0.78:
        op=random.choice(['beqz','bnez','beq','bne','blt','bge','bltu','bgeu','j','bgt','ble','bgtz','blez','jal','call','tail'])
        if labels and random.random()<0.5: t=random.choice(labels)
        else:
            t=label(); labels.append(t); lines.append(f"__FWD__{t}")
        if op in('beqz','bnez','bgtz','blez'): lines.append(f"{op} {r()}, {t}")
        elif op in ('j','jal','call','tail'): lines.append(f"{op} {t}")
        else: lines.append(f"{op} {r()}, {r()}, {t}")
    elif k<0.82:
        t=label(); labels.append(t); lines.append(f"{t}:")
    elif k<0.86: lines.append(f".skip {random.choice([2,4,6,100,250,500,1000,2000,4000])}")
    elif k<0.88: lines.append(random.choice(['.p2align 2','.p2align 3','.balign 16','.align 4']))
    elif k<0.92: lines.append(random.choice(['mv','not','neg','negw','sext.w','seqz','snez','sltz','sgtz'])+f" {r()}, {r()}")
    elif k<0.95: lines.append(random.choice(['nop','ret','ebreak','ecall','fence','fence.i','jr a0','jalr a1',f'jr {r()}',f'jalr {r()}','csrr a0, mstatus',f'csrw mtvec, {r()}','csrwi mie, 5']))
    else: lines.append(random.choice(['.option norvc','.option rvc']))
# place forward labels at random later positions
out=[]; pending=[]
for l in lines:
    if l.startswith("__FWD__"): pending.append(l[7:]); continue
    out.append(l)
    if pending and random.random()<0.2: out.append(pending.pop(0)+":")
for p in pending: out.append(p+":")
out.append("nop")
print("\n".join(out))
