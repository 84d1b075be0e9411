# Project model (src/project/): the project file, its edits and its build
# steps, and the `synth project` subcommand. Included from core/CMakeLists.txt;
# paths relative to core/. Needs the planner (src/plan/).
list(APPEND SYNTH_LIB_SOURCES
  src/project/load.c
  src/project/edit.c
  src/project/save.c
  src/project/steps.c
  src/project/requests.c
  src/project/input.c
  src/project/regions.c
)
list(APPEND SYNTH_CLI_SOURCES cli/project.c cli/project_env.c cli/project_cmake.c)
set(SYNTH_HAVE_PROJECT TRUE)
