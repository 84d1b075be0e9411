# The build steps of project gate (synth project steps --format cmake).
_synth_project(NAME [=[gate]=] BOARD [=[mps2-an385]=] IMAGE [=[gate.elf]=]
  CONFIGURE_DEPENDS [=[../committed-src/project.json]=] [=[../rt/mps2-an385/synth-rt-mps2-an385.cflags]=])
_synth_project_step(KIND compile NAME [=[compile net]=] TOOL synth
  ARGS [=[compile]=] [=[--target]=] [=[cortex-m3]=] [=[--name]=] [=[net]=] [=[--bounds=mask]=] [=[--mem-cap]=] [=[65536]=] [=[--mem-cap]=] [=[1=4096]=] [=[--header]=] [=[modules/net.h]=] [=[--requests]=] [=[modules/net.requests.json]=] [=[--depfile]=] [=[modules/net.d]=] [=[-o]=] [=[modules/net.o]=] [=[../committed-src/wasm/net.wasm]=]
  INPUTS [=[../committed-src/wasm/net.wasm]=]
  OUTPUTS [=[modules/net.o]=] [=[modules/net.h]=] [=[modules/net.requests.json]=]
  DEPFILE [=[modules/net.d]=]
  RESTAT)
_synth_project_step(KIND compile NAME [=[compile app]=] TOOL synth
  ARGS [=[compile]=] [=[--target]=] [=[cortex-m3]=] [=[--name]=] [=[app]=] [=[--prefix]=] [=[app_]=] [=[--bounds=trap]=] [=[--header]=] [=[modules/app.h]=] [=[--requests]=] [=[modules/app.requests.json]=] [=[--depfile]=] [=[modules/app.d]=] [=[-o]=] [=[modules/app.o]=] [=[../committed-src/wasm/app.wasm]=]
  INPUTS [=[../committed-src/wasm/app.wasm]=]
  OUTPUTS [=[modules/app.o]=] [=[modules/app.h]=] [=[modules/app.requests.json]=]
  DEPFILE [=[modules/app.d]=]
  RESTAT)
_synth_project_step(KIND requests NAME [=[requests]=] TOOL synth
  ARGS [=[project]=] [=[requests]=] [=[../committed-src/project.json]=] [=[-o]=] [=[layout/requests.json]=] [=[modules/net.requests.json]=] [=[modules/app.requests.json]=]
  INPUTS [=[modules/net.requests.json]=] [=[modules/app.requests.json]=]
  IMPLICIT [=[../committed-src/project.json]=]
  OUTPUTS [=[layout/requests.json]=]
  RESTAT)
_synth_project_step(KIND check NAME [=[check layout]=] TOOL synth
  ARGS [=[layout]=] [=[check]=] [=[../committed-src/layout/accepted.json]=] [=[--requests]=] [=[layout/requests.json]=]
  INPUTS [=[../committed-src/layout/accepted.json]=] [=[layout/requests.json]=]
  OUTPUTS [=[layout/check.stamp]=]
  STAMP)
_synth_project_step(KIND export NAME [=[export layout]=] TOOL synth
  ARGS [=[layout]=] [=[export]=] [=[../committed-src/layout/accepted.json]=] [=[--ld]=] [=[layout/memories.ld]=] [=[--h]=] [=[layout/mpu.h]=] [=[--c]=] [=[layout/mpu.c]=] [=[--map]=] [=[layout/map.txt]=]
  INPUTS [=[../committed-src/layout/accepted.json]=]
  IMPLICIT [=[layout/check.stamp]=]
  OUTPUTS [=[layout/memories.ld]=] [=[layout/mpu.h]=] [=[layout/mpu.c]=] [=[layout/map.txt]=]
  RESTAT)
_synth_project_step(KIND cc NAME [=[cc ../committed-src/src/main.c]=] TOOL cc
  ARGS [=[-mcpu=test-mps2-an385]=] [=[-mthumb]=] [=[-O2]=] [=[-DGATE="yes"]=] [=[-ffreestanding]=] [=[-I]=] [=[../rt/include]=] [=[-I]=] [=[.]=] [=[-I]=] [=[modules]=] [=[-I]=] [=[layout]=] [=[-MD]=] [=[-MF]=] [=[cc/src/main.c.o.d]=] [=[-c]=] [=[../committed-src/src/main.c]=] [=[-o]=] [=[cc/src/main.c.o]=]
  INPUTS [=[../committed-src/src/main.c]=]
  ORDER [=[modules/net.h]=] [=[modules/app.h]=] [=[layout/mpu.h]=]
  OUTPUTS [=[cc/src/main.c.o]=]
  DEPFILE [=[cc/src/main.c.o.d]=])
_synth_project_step(KIND cc NAME [=[cc ../committed-src/src/gate.c]=] TOOL cc
  ARGS [=[-mcpu=test-mps2-an385]=] [=[-mthumb]=] [=[-O2]=] [=[-DGATE="yes"]=] [=[-ffreestanding]=] [=[-I]=] [=[../rt/include]=] [=[-I]=] [=[.]=] [=[-I]=] [=[modules]=] [=[-I]=] [=[layout]=] [=[-MD]=] [=[-MF]=] [=[cc/src/gate.c.o.d]=] [=[-c]=] [=[../committed-src/src/gate.c]=] [=[-o]=] [=[cc/src/gate.c.o]=]
  INPUTS [=[../committed-src/src/gate.c]=]
  ORDER [=[modules/net.h]=] [=[modules/app.h]=] [=[layout/mpu.h]=]
  OUTPUTS [=[cc/src/gate.c.o]=]
  DEPFILE [=[cc/src/gate.c.o.d]=])
_synth_project_step(KIND cc NAME [=[cc layout/mpu.c]=] TOOL cc
  ARGS [=[-mcpu=test-mps2-an385]=] [=[-mthumb]=] [=[-O2]=] [=[-DGATE="yes"]=] [=[-ffreestanding]=] [=[-I]=] [=[../rt/include]=] [=[-I]=] [=[.]=] [=[-I]=] [=[modules]=] [=[-I]=] [=[layout]=] [=[-MD]=] [=[-MF]=] [=[layout/mpu.o.d]=] [=[-c]=] [=[layout/mpu.c]=] [=[-o]=] [=[layout/mpu.o]=]
  INPUTS [=[layout/mpu.c]=]
  ORDER [=[layout/mpu.h]=]
  OUTPUTS [=[layout/mpu.o]=]
  DEPFILE [=[layout/mpu.o.d]=])
_synth_project_step(KIND link NAME [=[link gate.elf]=] TOOL cc
  ARGS [=[-mcpu=test-mps2-an385]=] [=[-mthumb]=] [=[-O2]=] [=[-DGATE="yes"]=] [=[-nostdlib]=] [=[-nostartfiles]=] [=[-T]=] [=[../rt/mps2-an385/synth-rt-mps2-an385.ld]=] [=[-Wl,--gc-sections]=] [=[-Wl,--build-id=none]=] [=[cc/src/main.c.o]=] [=[cc/src/gate.c.o]=] [=[layout/mpu.o]=] [=[modules/net.o]=] [=[modules/app.o]=] [=[-Xlinker]=] [=[-T]=] [=[-Xlinker]=] [=[layout/memories.ld]=] [=[../rt/mps2-an385/libsynth-rt-mps2-an385.a]=] [=[-lgcc]=] [=[-o]=] [=[gate.elf]=]
  INPUTS [=[cc/src/main.c.o]=] [=[cc/src/gate.c.o]=] [=[layout/mpu.o]=] [=[modules/net.o]=] [=[modules/app.o]=] [=[layout/memories.ld]=]
  IMPLICIT [=[../rt/mps2-an385/libsynth-rt-mps2-an385.a]=] [=[../rt/mps2-an385/synth-rt-mps2-an385.ld]=]
  OUTPUTS [=[gate.elf]=])
_synth_project_step(KIND image_check NAME [=[check image]=] TOOL synth
  ARGS [=[layout]=] [=[check]=] [=[../committed-src/layout/accepted.json]=] [=[--elf]=] [=[gate.elf]=]
  INPUTS [=[../committed-src/layout/accepted.json]=] [=[gate.elf]=]
  OUTPUTS [=[gate.check.stamp]=]
  STAMP)
