# The build steps of project hello (synth project steps --format cmake).
_synth_project(NAME [=[hello]=] BOARD [=[mps2-an386]=] IMAGE [=[hello.elf]=]
  CONFIGURE_DEPENDS [=[../hello-src/project.json]=] [=[../rt/mps2-an386/synth-rt-mps2-an386.cflags]=])
_synth_project_step(KIND compile NAME [=[compile hello]=] TOOL synth
  ARGS [=[compile]=] [=[--target]=] [=[cortex-m4f]=] [=[--name]=] [=[hello]=] [=[--bounds=trap]=] [=[--header]=] [=[modules/hello.h]=] [=[--requests]=] [=[modules/hello.requests.json]=] [=[--depfile]=] [=[modules/hello.d]=] [=[-o]=] [=[modules/hello.o]=] [=[../hello-src/hello.wasm]=]
  INPUTS [=[../hello-src/hello.wasm]=]
  OUTPUTS [=[modules/hello.o]=] [=[modules/hello.h]=] [=[modules/hello.requests.json]=]
  DEPFILE [=[modules/hello.d]=]
  RESTAT)
_synth_project_step(KIND requests NAME [=[requests]=] TOOL synth
  ARGS [=[project]=] [=[requests]=] [=[../hello-src/project.json]=] [=[-o]=] [=[layout/requests.json]=] [=[modules/hello.requests.json]=]
  INPUTS [=[modules/hello.requests.json]=]
  IMPLICIT [=[../hello-src/project.json]=]
  OUTPUTS [=[layout/requests.json]=]
  RESTAT)
_synth_project_step(KIND plan NAME [=[plan]=] TOOL synth
  ARGS [=[plan]=] [=[--target]=] [=[mps2-an386]=] [=[--model]=] [=[b]=] [=[-o]=] [=[layout/layout.json]=] [=[layout/requests.json]=]
  INPUTS [=[layout/requests.json]=]
  OUTPUTS [=[layout/layout.json]=]
  RESTAT)
_synth_project_step(KIND export NAME [=[export layout]=] TOOL synth
  ARGS [=[layout]=] [=[export]=] [=[layout/layout.json]=] [=[--ld]=] [=[layout/memories.ld]=] [=[--h]=] [=[layout/mpu.h]=] [=[--c]=] [=[layout/mpu.c]=] [=[--map]=] [=[layout/map.txt]=]
  INPUTS [=[layout/layout.json]=]
  OUTPUTS [=[layout/memories.ld]=] [=[layout/mpu.h]=] [=[layout/mpu.c]=] [=[layout/map.txt]=]
  RESTAT)
_synth_project_step(KIND cc NAME [=[cc ../hello-src/main.c]=] TOOL cc
  ARGS [=[-mcpu=test-mps2-an386]=] [=[-mthumb]=] [=[-ffreestanding]=] [=[-I]=] [=[../rt/include]=] [=[-I]=] [=[.]=] [=[-I]=] [=[modules]=] [=[-I]=] [=[layout]=] [=[-MD]=] [=[-MF]=] [=[cc/main.c.o.d]=] [=[-c]=] [=[../hello-src/main.c]=] [=[-o]=] [=[cc/main.c.o]=]
  INPUTS [=[../hello-src/main.c]=]
  ORDER [=[modules/hello.h]=] [=[layout/mpu.h]=]
  OUTPUTS [=[cc/main.c.o]=]
  DEPFILE [=[cc/main.c.o.d]=])
_synth_project_step(KIND cc NAME [=[cc layout/mpu.c]=] TOOL cc
  ARGS [=[-mcpu=test-mps2-an386]=] [=[-mthumb]=] [=[-ffreestanding]=] [=[-I]=] [=[../rt/include]=] [=[-I]=] [=[.]=] [=[-I]=] [=[modules]=] [=[-I]=] [=[layout]=] [=[-MD]=] [=[-MF]=] [=[layout/mpu.o.d]=] [=[-c]=] [=[layout/mpu.c]=] [=[-o]=] [=[layout/mpu.o]=]
  INPUTS [=[layout/mpu.c]=]
  ORDER [=[layout/mpu.h]=]
  OUTPUTS [=[layout/mpu.o]=]
  DEPFILE [=[layout/mpu.o.d]=])
_synth_project_step(KIND link NAME [=[link hello.elf]=] TOOL cc
  ARGS [=[-mcpu=test-mps2-an386]=] [=[-mthumb]=] [=[-nostdlib]=] [=[-nostartfiles]=] [=[-T]=] [=[../rt/mps2-an386/synth-rt-mps2-an386.ld]=] [=[-Wl,--gc-sections]=] [=[-Wl,--build-id=none]=] [=[cc/main.c.o]=] [=[layout/mpu.o]=] [=[modules/hello.o]=] [=[-Xlinker]=] [=[-T]=] [=[-Xlinker]=] [=[layout/memories.ld]=] [=[../rt/mps2-an386/libsynth-rt-mps2-an386.a]=] [=[-lgcc]=] [=[-o]=] [=[hello.elf]=]
  INPUTS [=[cc/main.c.o]=] [=[layout/mpu.o]=] [=[modules/hello.o]=] [=[layout/memories.ld]=]
  IMPLICIT [=[../rt/mps2-an386/libsynth-rt-mps2-an386.a]=] [=[../rt/mps2-an386/synth-rt-mps2-an386.ld]=]
  OUTPUTS [=[hello.elf]=])
_synth_project_step(KIND image_check NAME [=[check image]=] TOOL synth
  ARGS [=[layout]=] [=[check]=] [=[layout/layout.json]=] [=[--elf]=] [=[hello.elf]=]
  INPUTS [=[layout/layout.json]=] [=[hello.elf]=]
  OUTPUTS [=[hello.check.stamp]=]
  STAMP)
