//! Entry point. In the browser (built by Trunk) it mounts the app; natively it is the
//! command line (`marginalia suggest`, `marginalia eval`: see `cli`).

fn main() {
    #[cfg(target_arch = "wasm32")]
    marginalia::ui::start();
    #[cfg(not(target_arch = "wasm32"))]
    {
        let args: Vec<String> = std::env::args().skip(1).collect();
        std::process::exit(marginalia::cli::main(&args));
    }
}
