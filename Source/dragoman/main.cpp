// dragoman: the simultaneous-interpretation audio router's command-line program.

#include "Subcommands.h"

int main(int argc, char** argv)
{
    CLI::App app{"Dragoman: real-time simultaneous-interpretation audio router"};
    app.set_version_flag("--version", DRAGOMAN_VERSION);
    app.require_subcommand(1);
    dragoman::cli::addRenderCommand(app);
    dragoman::cli::addEngineCommand(app);
    dragoman::cli::addBenchCommand(app);
    dragoman::cli::addReceiveCommand(app);
    dragoman::cli::addSeatCommand(app);
    dragoman::cli::addCtlCommand(app);
    try
    {
        app.parse(argc, argv);
    }
    catch (const CLI::ParseError& error)
    {
        return app.exit(error);
    }
    return 0;
}
