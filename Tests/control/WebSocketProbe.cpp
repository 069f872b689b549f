// dragoman-ws-probe URL [HEADER...]: a WebSocket client for the program tests, built on
// websocketpp's client (no hand-written framer). Each line on stdin is sent as one text frame;
// each frame received is written to stdout as one line. When the connection ends it writes
// "#closed CODE REASON" (or "#failed HTTP-STATUS MESSAGE" when the handshake is refused) and
// exits. HEADER arguments ("Authorization: Bearer T") are added to the handshake.
//
// C++17, as Modules/control/WebServer.cpp: websocketpp 0.8 is not valid C++20.

#include <websocketpp/client.hpp>
#include <websocketpp/config/asio_no_tls_client.hpp>

#include <iostream>
#include <string>
#include <thread>

using Client = websocketpp::client<websocketpp::config::asio_client>;

int main(int argc, char** argv)
{
    if (argc < 2)
    {
        std::cerr << "usage: dragoman-ws-probe ws://HOST:PORT/rpc[?token=T] [HEADER...]\n";
        return 2;
    }
    Client client;
    client.clear_access_channels(websocketpp::log::alevel::all);
    client.clear_error_channels(websocketpp::log::elevel::all);
    client.init_asio();
    client.set_max_message_size(64 * 1024 * 1024);
    // As the consoles' client: a command is one small frame, which Nagle would hold back.
    client.set_tcp_pre_init_handler(
        [&client](websocketpp::connection_hdl handle)
        {
            websocketpp::lib::error_code error;
            if (const auto connection = client.get_con_from_hdl(handle, error))
                connection->get_raw_socket().set_option(asio::ip::tcp::no_delay(true), error);
        });

    int exitCode = 0;
    websocketpp::connection_hdl handle;
    client.set_message_handler([](websocketpp::connection_hdl, Client::message_ptr message)
                               { std::cout << message->get_payload() << std::endl; });
    client.set_close_handler(
        [&client](websocketpp::connection_hdl h)
        {
            const auto connection = client.get_con_from_hdl(h);
            std::cout << "#closed " << connection->get_remote_close_code() << ' '
                      << connection->get_remote_close_reason() << std::endl;
        });
    client.set_fail_handler(
        [&client, &exitCode](websocketpp::connection_hdl h)
        {
            const auto connection = client.get_con_from_hdl(h);
            std::cout << "#failed " << connection->get_response_code() << ' '
                      << connection->get_ec().message() << std::endl;
            exitCode = 1;
        });
    client.set_open_handler([](websocketpp::connection_hdl) { std::cout << "#open" << std::endl; });

    websocketpp::lib::error_code error;
    const auto connection = client.get_connection(argv[1], error);
    if (error)
    {
        std::cerr << "dragoman-ws-probe: " << error.message() << '\n';
        return 2;
    }
    for (int i = 2; i < argc; ++i)
    {
        const std::string header = argv[i];
        const auto colon = header.find(':');
        if (colon != std::string::npos)
            connection->append_header(header.substr(0, colon), header.substr(colon + 2));
    }
    handle = connection->get_handle();
    client.connect(connection);

    // stdin on its own thread; each line is handed to the network thread to send.
    std::thread input(
        [&client, handle]
        {
            std::string line;
            while (std::getline(std::cin, line))
                client.get_io_service().post(
                    [&client, handle, line]
                    {
                        websocketpp::lib::error_code ignored;
                        client.send(handle, line, websocketpp::frame::opcode::text, ignored);
                    });
            client.get_io_service().post(
                [&client, handle]
                {
                    websocketpp::lib::error_code ignored;
                    client.close(handle, websocketpp::close::status::normal, "done", ignored);
                });
        });
    input.detach();
    client.run();
    std::cout.flush();
    std::_Exit(exitCode);
}
